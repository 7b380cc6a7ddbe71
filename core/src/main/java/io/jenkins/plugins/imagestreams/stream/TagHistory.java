package io.jenkins.plugins.imagestreams.stream;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The status of one tag, OpenShift's {@code status.tags[]}: its history ({@code items}, newest first), its
 * conditions, and which event listeners have been given its current image.
 *
 * @param tag the tag
 * @param items the history, newest first; {@code items[0]} is the current image
 * @param conditions at most one {@code ImportSuccess=False}
 * @param deliveredTo ids of the listeners that received the {@code ImageChanged} event for {@code items[0]}'s
 *     digest; emptied whenever {@code items[0]} gets a new digest (see {@code events.EventDispatcher})
 * @param promotions the promotions into this tag, newest first, as many kept as history entries
 * @param workloadUpdates what keeping the tag's workloads in step did, newest first, as many kept as history entries
 * @param claims the instances delivering {@code items[0]}'s event to a listener right now, at most one per listener;
 *     emptied with {@code deliveredTo}
 */
public record TagHistory(
        String tag,
        List<TagEvent> items,
        List<TagCondition> conditions,
        Set<String> deliveredTo,
        List<PromotionRecord> promotions,
        List<WorkloadUpdateRecord> workloadUpdates,
        List<DeliveryClaim> claims) {
    public TagHistory {
        TagNames.require(tag);
        items = List.copyOf(items);
        conditions = List.copyOf(conditions);
        deliveredTo = Set.copyOf(new TreeSet<>(deliveredTo));
        promotions = List.copyOf(promotions);
        workloadUpdates = List.copyOf(workloadUpdates);
        claims = List.copyOf(claims);
        if (claims.size() > 1
                && claims.stream().map(DeliveryClaim::listenerId).distinct().count() != claims.size()) {
            throw new IllegalArgumentException("tag " + tag + " has two delivery claims for one listener: " + claims);
        }
    }

    /** A history without delivery claims. */
    public TagHistory(
            String tag,
            List<TagEvent> items,
            List<TagCondition> conditions,
            Set<String> deliveredTo,
            List<PromotionRecord> promotions,
            List<WorkloadUpdateRecord> workloadUpdates) {
        this(tag, items, conditions, deliveredTo, promotions, workloadUpdates, List.of());
    }

    /** A history without promotion or workload records. */
    public TagHistory(String tag, List<TagEvent> items, List<TagCondition> conditions, Set<String> deliveredTo) {
        this(tag, items, conditions, deliveredTo, List.of(), List.of());
    }

    /** A tag with no history yet. */
    public static TagHistory empty(String tag) {
        return new TagHistory(tag, List.of(), List.of(), Set.of());
    }

    /** Whether there is nothing to keep: no items, conditions, promotions or workload records. */
    public boolean isEmpty() {
        return items.isEmpty() && conditions.isEmpty() && promotions.isEmpty() && workloadUpdates.isEmpty();
    }

    /** The newest workload update record, if any. */
    public Optional<WorkloadUpdateRecord> lastWorkloadUpdate() {
        return workloadUpdates.isEmpty() ? Optional.empty() : Optional.of(workloadUpdates.get(0));
    }

    /**
     * With {@code record} in front of the promotions; the oldest beyond {@code limit} are dropped.
     *
     * @throws IllegalArgumentException if {@code limit < 1}
     */
    public TagHistory withPromotion(PromotionRecord record, int limit) {
        return new TagHistory(
                tag, items, conditions, deliveredTo, prepend(promotions, record, limit), workloadUpdates, claims);
    }

    /**
     * With {@code record} in front of the workload update records; the oldest beyond {@code limit} are dropped.
     *
     * @throws IllegalArgumentException if {@code limit < 1}
     */
    public TagHistory withWorkloadUpdate(WorkloadUpdateRecord record, int limit) {
        return new TagHistory(
                tag, items, conditions, deliveredTo, promotions, prepend(workloadUpdates, record, limit), claims);
    }

    private static <T> List<T> prepend(List<T> list, T first, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("history limit must be at least 1, was " + limit);
        }
        List<T> next = new ArrayList<>(list.size() + 1);
        next.add(Objects.requireNonNull(first, "record"));
        next.addAll(list.subList(0, Math.min(list.size(), limit - 1)));
        return next;
    }

    /** With other items and conditions for the same digest: its delivery marks and claims stay. */
    private TagHistory with(List<TagEvent> newItems, List<TagCondition> newConditions) {
        return new TagHistory(tag, newItems, newConditions, deliveredTo, promotions, workloadUpdates, claims);
    }

    /** {@code items[0]}, the image the tag points at. */
    public Optional<TagEvent> current() {
        return items.isEmpty() ? Optional.empty() : Optional.of(items.get(0));
    }

    /** The {@code ImportSuccess} condition, if the last import failed. */
    public Optional<TagCondition> importFailure() {
        return conditions.stream()
                .filter(c -> c.type().equals(TagCondition.IMPORT_SUCCESS))
                .findFirst();
    }

    /**
     * Adds {@code next} by OpenShift's single rule ({@code AddTagEventToImageStream}), comparing with
     * {@code items[0]} only:
     *
     * <ul>
     *   <li>same pull spec, digest and generation: nothing changes (the same instance is returned);
     *   <li>same pull spec and digest: {@code items[0]} takes the new generation;
     *   <li>same pull spec or same digest: {@code items[0]} is updated in place (no new entry);
     *   <li>otherwise {@code next} goes in front, so A→B→A gives {@code [A, B, A]}.
     * </ul>
     *
     * An entry updated in place for the same digest keeps its evidence and gains {@code next}'s; an entry whose digest
     * changes takes {@code next}'s evidence only.
     *
     * Any change clears the conditions. The oldest entries beyond {@code limit} are dropped.
     *
     * @throws IllegalArgumentException if {@code limit < 1}
     */
    public TagHistory merge(TagEvent next, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("history limit must be at least 1, was " + limit);
        }
        Objects.requireNonNull(next, "next");
        if (items.isEmpty()) {
            return new TagHistory(tag, List.of(next), List.of(), Set.of(), promotions, workloadUpdates);
        }
        TagEvent prev = items.get(0);
        boolean sameRef = prev.dockerImageReference().equals(next.dockerImageReference());
        boolean sameImage = prev.image().equals(next.image());
        List<TagEvent> merged = new ArrayList<>(items);
        Evidence evidence = sameImage ? prev.evidence().plus(next.evidence()) : next.evidence();
        if (sameRef && sameImage && prev.generation() == next.generation() && evidence.equals(prev.evidence())) {
            return this;
        } else if (sameRef && sameImage) {
            merged.set(0, prev.withGeneration(next.generation()).withEvidence(evidence));
        } else if (sameRef) {
            merged.set(
                    0,
                    prev.withImage(next.image())
                            .withGeneration(next.generation())
                            .withEvidence(evidence));
        } else if (sameImage) {
            merged.set(
                    0,
                    prev.withDockerImageReference(next.dockerImageReference())
                            .withGeneration(next.generation())
                            .withEvidence(evidence));
        } else {
            merged.add(0, next);
        }
        while (merged.size() > limit) {
            merged.remove(merged.size() - 1);
        }
        return sameImage
                ? with(merged, List.of())
                : new TagHistory(tag, merged, List.of(), Set.of(), promotions, workloadUpdates);
    }

    /**
     * Records a failed import. An identical condition (type, status, reason, message) already present leaves
     * everything as is, so repeated failures cause no write; otherwise the conditions become {@code [condition]}.
     * The history is untouched: the last good image stays current.
     */
    public TagHistory withFailure(TagCondition condition) {
        if (conditions.stream().anyMatch(c -> c.sameAs(condition))) {
            return this;
        }
        return with(items, List.of(condition));
    }

    /** Without conditions: what a successful import of an unchanged image leaves. */
    public TagHistory withoutConditions() {
        return conditions.isEmpty() ? this : with(items, List.of());
    }

    /** With {@code listenerId} recorded as having received the event for {@code items[0]}; its claim ends. */
    public TagHistory withDelivered(String listenerId) {
        if (deliveredTo.contains(listenerId)) {
            return this;
        }
        Set<String> ids = new TreeSet<>(deliveredTo);
        ids.add(listenerId);
        return new TagHistory(tag, items, conditions, ids, promotions, workloadUpdates, claimsWithout(listenerId));
    }

    /** The claim on delivering {@code items[0]}'s event to {@code listenerId}, if one was saved (live or lapsed). */
    public Optional<DeliveryClaim> claim(String listenerId) {
        return claims.stream().filter(c -> c.listenerId().equals(listenerId)).findFirst();
    }

    /** With {@code claim} in place of any other claim for its listener. */
    public TagHistory withClaim(DeliveryClaim claim) {
        List<DeliveryClaim> next = new ArrayList<>(claimsWithout(claim.listenerId()));
        next.add(claim);
        return new TagHistory(tag, items, conditions, deliveredTo, promotions, workloadUpdates, next);
    }

    private List<DeliveryClaim> claimsWithout(String listenerId) {
        return claims.stream().filter(c -> !c.listenerId().equals(listenerId)).toList();
    }

    /** Keeps only the newest {@code limit} entries. */
    public TagHistory limitedTo(int limit) {
        if (items.size() <= limit && promotions.size() <= limit && workloadUpdates.size() <= limit) {
            return this;
        }
        return new TagHistory(
                tag,
                items.subList(0, Math.min(items.size(), limit)),
                conditions,
                deliveredTo,
                promotions.subList(0, Math.min(promotions.size(), limit)),
                workloadUpdates.subList(0, Math.min(workloadUpdates.size(), limit)),
                claims);
    }
}
