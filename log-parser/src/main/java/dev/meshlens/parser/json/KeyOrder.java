package dev.meshlens.parser.json;

import java.util.Arrays;

/**
 * The keys of one kind of object in the order the last one had them: the records of a stream come from one
 * writer, whose keys always come in the same order, so the key after the one just read is nearly always known
 * and {@link JsonReader#nextKey(KeyTable, int)} checks it in place instead of searching for its closing quote and
 * hashing it. A wrong guess costs one compare; results never depend on the guess. One per reader: not shared.
 */
final class KeyOrder {
    private static final int FIRST = KeyTable.SIZE;
    private static final int AFTER_UNKNOWN = KeyTable.SIZE + 1;

    private final KeyTable table;
    /** For each slot (and the object's start, and an unknown key), the slot that came after it last time. */
    private final int[] next = new int[KeyTable.SIZE + 2];
    private int previous = FIRST;

    KeyOrder(KeyTable table) {
        this.table = table;
        Arrays.fill(next, KeyTable.NO_SLOT);
    }

    KeyTable table() {
        return table;
    }

    /** Called on entering an object, before its first key. */
    KeyOrder restart() {
        previous = FIRST;
        return this;
    }

    /** The slot of the key expected next, or {@link KeyTable#NO_SLOT}. */
    int expected() {
        return next[previous];
    }

    /** The id of the key {@code r} just read ({@link KeyTable#MISSING} when unknown), learning the order. */
    int read(JsonReader r, byte[] b) {
        int slot = r.keyWasExpected() ? next[previous] : table.slot(b, r.tokenStart(), r.tokenEnd() - r.tokenStart());
        next[previous] = slot;
        previous = slot == KeyTable.NO_SLOT ? AFTER_UNKNOWN : slot;
        return table.id(slot);
    }
}
