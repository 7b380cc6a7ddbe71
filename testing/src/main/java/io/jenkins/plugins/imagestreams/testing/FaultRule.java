package io.jenkins.plugins.imagestreams.testing;

import java.util.Objects;
import java.util.Random;
import java.util.regex.Pattern;

/**
 * When a {@link FaultProxy} injects a {@link Fault}: requests whose method and path (without query) match, for the
 * next N of them, a seeded-random share of them, or all of them.
 *
 * <pre>{@code proxy.add(FaultRule.on("HEAD", "/v2/.+/manifests/.+").next(2).inject(Fault.status(503)));}</pre>
 */
public final class FaultRule {
    private final String method;
    private final Pattern path;
    private final Fault fault;
    private final int limit;
    private final Random random;
    private final double share;
    private int applied;

    private FaultRule(Builder builder, Fault fault) {
        this.method = builder.method;
        this.path = builder.path;
        this.limit = builder.limit;
        this.random = builder.seed == null ? null : new Random(builder.seed);
        this.share = builder.share;
        this.fault = Objects.requireNonNull(fault, "fault");
    }

    /**
     * Starts a rule for requests with {@code method} ({@code "*"} for any) whose path fully matches {@code pathRegex}.
     */
    public static Builder on(String method, String pathRegex) {
        return new Builder(method, Pattern.compile(pathRegex));
    }

    /** Chooses which of the matching requests get the fault. */
    public static final class Builder {
        private final String method;
        private final Pattern path;
        private int limit = Integer.MAX_VALUE;
        private Long seed;
        private double share = 1.0;

        private Builder(String method, Pattern path) {
            this.method = Objects.requireNonNull(method, "method");
            this.path = path;
        }

        /** Only the next {@code count} matching requests. */
        public Builder next(int count) {
            if (count < 1) {
                throw new IllegalArgumentException("count must be at least 1");
            }
            this.limit = count;
            return this;
        }

        /** Each matching request with probability {@code share}, drawn from a {@link Random} seeded with {@code seed}. */
        public Builder share(double share, long seed) {
            if (share < 0 || share > 1) {
                throw new IllegalArgumentException("share must be between 0 and 1, not " + share);
            }
            this.share = share;
            this.seed = seed;
            return this;
        }

        public FaultRule inject(Fault fault) {
            return new FaultRule(this, fault);
        }
    }

    public Fault fault() {
        return fault;
    }

    /** How many requests got this rule's fault so far. */
    public synchronized int applied() {
        return applied;
    }

    /** Whether this request gets the fault; counts it if so. */
    synchronized boolean take(String requestMethod, String requestPath) {
        if (!(method.equals("*") || method.equalsIgnoreCase(requestMethod))
                || !path.matcher(requestPath).matches()) {
            return false;
        }
        if (applied >= limit) {
            return false;
        }
        if (random != null && random.nextDouble() >= share) {
            return false;
        }
        applied++;
        return true;
    }

    @Override
    public String toString() {
        return "FaultRule[" + method + " " + path + " -> " + fault + ", applied " + applied() + "]";
    }
}
