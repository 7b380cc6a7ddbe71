package io.jenkins.plugins.imagestreams.jenkins.config;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.model.Describable;
import hudson.model.Descriptor;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import hudson.util.Secret;
import io.jenkins.plugins.imagestreams.notify.HmacKey;
import io.jenkins.plugins.imagestreams.notify.NotificationAuthenticator;
import io.jenkins.plugins.imagestreams.notify.NotificationSource;
import io.jenkins.plugins.imagestreams.notify.TokenHash;
import java.util.Objects;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * One way a registry may send push notifications to {@code /image-streams-webhook/notify/<source>[/<token>]}: the source,
 * how it authenticates, and the shared secret (kept encrypted as a {@link Secret}).
 */
public final class WebhookEndpoint implements Describable<WebhookEndpoint> {
    /** Authentication schemes, as {@link NotificationAuthenticator} names them. */
    public static final String BEARER = "bearer";

    public static final String HEADER = "header";
    public static final String PATH = "path";
    public static final String HMAC = "hmac";

    private final String source;
    private final Secret secret;
    private String scheme = BEARER;
    private String header = "";

    @DataBoundConstructor
    public WebhookEndpoint(String source, Secret secret) {
        this.source = Objects.requireNonNullElse(source, "").strip();
        this.secret = secret;
    }

    /** The source's path name: {@code distribution}, {@code harbor}, {@code dockerhub}, … */
    public String getSource() {
        return source;
    }

    public Secret getSecret() {
        return secret;
    }

    public String getScheme() {
        return scheme;
    }

    /** {@code bearer}, {@code header}, {@code path} or {@code hmac}. */
    @DataBoundSetter
    public void setScheme(String scheme) {
        this.scheme = Objects.requireNonNullElse(scheme, BEARER);
    }

    public String getHeader() {
        return header;
    }

    /** The header carrying the token ({@code header}) or the signature ({@code hmac}). */
    @DataBoundSetter
    public void setHeader(String header) {
        this.header = Objects.requireNonNullElse(header, "").strip();
    }

    /**
     * The core source this endpoint serves.
     *
     * @throws IllegalArgumentException for an unknown source name
     */
    public NotificationSource toSource() {
        return NotificationSource.fromPathName(source)
                .orElseThrow(() -> new IllegalArgumentException(Messages.WebhookEndpoint_UnknownSource(source)));
    }

    /**
     * The core authenticator for this endpoint; tokens are hashed at once.
     *
     * @throws IllegalArgumentException for a short secret, a missing header or an unknown scheme
     */
    public NotificationAuthenticator toAuthenticator() {
        String plain = secret == null ? "" : secret.getPlainText();
        return authenticator(scheme, header, plain);
    }

    static NotificationAuthenticator authenticator(String scheme, String header, String plain) {
        return switch (scheme) {
            case BEARER -> NotificationAuthenticator.bearerToken(TokenHash.of(plain));
            case PATH -> NotificationAuthenticator.pathToken(TokenHash.of(plain));
            case HEADER -> NotificationAuthenticator.headerToken(requireHeader(header), TokenHash.of(plain));
            case HMAC -> NotificationAuthenticator.hmacSha256(requireHeader(header), HmacKey.of(plain));
            default -> throw new IllegalArgumentException(Messages.WebhookEndpoint_UnknownScheme(scheme));
        };
    }

    private static String requireHeader(String header) {
        if (header == null || header.isBlank()) {
            throw new IllegalArgumentException(Messages.WebhookEndpoint_HeaderMissing());
        }
        return header;
    }

    @Extension
    public static final class DescriptorImpl extends Descriptor<WebhookEndpoint> {
        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.WebhookEndpoint_DisplayName();
        }

        @POST
        public FormValidation doCheckSecret(
                @QueryParameter String value, @QueryParameter String scheme, @QueryParameter String header) {
            String checkedHeader = HEADER.equals(scheme) || HMAC.equals(scheme) ? "X-Check" : header;
            return FormChecks.required(
                    value,
                    () -> authenticator(
                            scheme == null ? BEARER : scheme,
                            checkedHeader,
                            Secret.fromString(value).getPlainText()));
        }

        @POST
        public FormValidation doCheckHeader(@QueryParameter String value, @QueryParameter String scheme) {
            jenkins.model.Jenkins.get().checkPermission(jenkins.model.Jenkins.ADMINISTER);
            boolean needed = HEADER.equals(scheme) || HMAC.equals(scheme);
            return needed && (value == null || value.isBlank())
                    ? FormValidation.error(Messages.WebhookEndpoint_HeaderMissing())
                    : FormValidation.ok();
        }

        public ListBoxModel doFillSourceItems() {
            ListBoxModel items = new ListBoxModel();
            for (NotificationSource s : NotificationSource.values()) {
                items.add(s.pathName(), s.pathName());
            }
            return items;
        }

        public ListBoxModel doFillSchemeItems() {
            ListBoxModel items = new ListBoxModel();
            items.add(Messages.WebhookEndpoint_Scheme_Bearer(), BEARER);
            items.add(Messages.WebhookEndpoint_Scheme_Header(), HEADER);
            items.add(Messages.WebhookEndpoint_Scheme_Path(), PATH);
            items.add(Messages.WebhookEndpoint_Scheme_Hmac(), HMAC);
            return items;
        }
    }
}
