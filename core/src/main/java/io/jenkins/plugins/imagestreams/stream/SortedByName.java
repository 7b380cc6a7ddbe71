package io.jenkins.plugins.imagestreams.stream;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.RandomAccess;
import java.util.function.Function;

/**
 * The tags of a spec or a status: a list sorted by name, each name once. A stream of a thousand tags is changed one
 * tag at a time (a bulk import records each), so a change finds its place by binary search and keeps the order, and
 * a list it made is known to be in order: the work of a change is a copy of the list's array, not a sort or a check
 * of it.
 */
final class SortedByName<T> {
    private final Function<T, String> name;

    SortedByName(Function<T, String> name) {
        this.name = name;
    }

    /**
     * {@code items} sorted by name, unmodifiable.
     *
     * @throws InvalidStreamException with {@code duplicate} formatted with the name, when a name comes twice
     */
    List<T> sorted(List<T> items, String duplicate) {
        if (made(items)) {
            return items;
        }
        items.forEach(item -> Objects.requireNonNull(item, "item"));
        if (inOrder(items)) {
            return new Sorted<>(this, items.toArray());
        }
        List<T> sorted = new ArrayList<>(items);
        sorted.sort(Comparator.comparing(name));
        for (int i = 1; i < sorted.size(); i++) {
            String current = name.apply(sorted.get(i));
            if (current.equals(name.apply(sorted.get(i - 1)))) {
                throw new InvalidStreamException(String.format(duplicate, current));
            }
        }
        return new Sorted<>(this, sorted.toArray());
    }

    /** Whether this order made {@code items}: then they are sorted, unmodifiable, each name once. */
    boolean made(List<T> items) {
        return items instanceof Sorted<?> sorted && sorted.order == this;
    }

    /** The item named {@code key} in {@code sorted}. */
    Optional<T> find(List<T> sorted, String key) {
        int index = indexOf(sorted, key);
        return index >= 0 ? Optional.of(sorted.get(index)) : Optional.empty();
    }

    /** {@code sorted} with {@code item} in place of the one of its name, or added where its name sorts. */
    List<T> with(List<T> sorted, T item) {
        int index = indexOf(sorted, name.apply(Objects.requireNonNull(item, "item")));
        if (!(sorted instanceof Sorted<?> trusted) || trusted.order != this) {
            List<T> next = new ArrayList<>(sorted);
            if (index >= 0) {
                next.set(index, item);
            } else {
                next.add(-index - 1, item);
            }
            return next;
        }
        Object[] items = trusted.items;
        Object[] next;
        if (index >= 0) {
            next = items.clone();
            next[index] = item;
        } else {
            int at = -index - 1;
            next = new Object[items.length + 1];
            System.arraycopy(items, 0, next, 0, at);
            next[at] = item;
            System.arraycopy(items, at, next, at + 1, items.length - at);
        }
        return new Sorted<>(this, next);
    }

    /** {@code sorted} without the item named {@code key}. */
    List<T> without(List<T> sorted, String key) {
        List<T> next = new ArrayList<>(sorted);
        int index = indexOf(sorted, key);
        if (index >= 0) {
            next.remove(index);
        }
        return next;
    }

    /** Whether every name is greater than the one before: sorted, and none twice. */
    private boolean inOrder(List<T> items) {
        for (int i = 1; i < items.size(); i++) {
            if (name.apply(items.get(i - 1)).compareTo(name.apply(items.get(i))) >= 0) {
                return false;
            }
        }
        return true;
    }

    /** The index of {@code key}, or {@code -(insertion point) - 1}, as {@link java.util.Collections#binarySearch}. */
    private int indexOf(List<T> sorted, String key) {
        int low = 0;
        int high = sorted.size() - 1;
        while (low <= high) {
            int middle = (low + high) >>> 1;
            int order = name.apply(sorted.get(middle)).compareTo(key);
            if (order < 0) {
                low = middle + 1;
            } else if (order > 0) {
                high = middle - 1;
            } else {
                return middle;
            }
        }
        return -(low + 1);
    }

    /**
     * A list this order made or checked: unmodifiable, sorted, each name once, so that making a spec or status from it
     * again checks nothing.
     */
    private static final class Sorted<T> extends AbstractList<T> implements RandomAccess {
        private final SortedByName<?> order;
        private final Object[] items;

        Sorted(SortedByName<?> order, Object[] items) {
            this.order = order;
            this.items = items;
        }

        @Override
        @SuppressWarnings("unchecked")
        public T get(int index) {
            return (T) items[index];
        }

        @Override
        public int size() {
            return items.length;
        }
    }
}
