package dev.meshlens.diagnosis;

import dev.meshlens.parser.event.AccessEvent;
import dev.meshlens.parser.event.ByteView;
import dev.meshlens.parser.event.Field;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * What {@link ServiceIdentity} concluded, remembered by the raw bytes of every field it reads: a repeated
 * (cluster, server name, authority, sidecar) costs a copy, a hash and a comparison instead of the cluster split,
 * the rules and four interned names, which were 15 % of {@code meshlens diagnose}'s samples. A mesh logs a few
 * hundred such combinations; the table is direct-mapped, so memory is fixed and a combination that collides
 * with another replaces it.
 */
final class IdentityMemo {
    private static final int SLOTS = 4096;
    private static final int MAX_KEY = 2048;
    private static final int ABSENT = 0xFFFF;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    /** The pod name only counts without an app label; the cluster's parts are cut from UPSTREAM_CLUSTER. */
    private static final Field[] BEFORE_SIDECAR = {Field.UPSTREAM_CLUSTER, Field.REQUESTED_SERVER_NAME, Field.AUTHORITY};
    private static final Field[] AFTER_SIDECAR = {Field.K8S_NAMESPACE, Field.K8S_VERSION};

    private final byte[] key = new byte[MAX_KEY];
    private int keyLength;
    private final byte[][] keys = new byte[SLOTS][];
    private final int[] keyLengths = new int[SLOTS];
    final Direction[] directions = new Direction[SLOTS];
    final String[] services = new String[SLOTS];
    final String[] subsets = new String[SLOTS];
    final String[] workloads = new String[SLOTS];
    final String[] workloadVersions = new String[SLOTS];

    /**
     * The slot of the event's fields: {@code >= 0} when it holds their answer, {@code -1 - slot} when the answer
     * is to be {@linkplain #remember remembered} there, {@link Integer#MIN_VALUE} when the fields are too long.
     */
    int find(AccessEvent event) {
        keyLength = 0;
        boolean fits = append(event, BEFORE_SIDECAR);
        ByteView app = event.text(Field.K8S_APP);
        fits &= append(app) && (app != null || append(event.text(Field.K8S_POD))) && append(event, AFTER_SIDECAR);
        if (!fits) {
            return Integer.MIN_VALUE;
        }
        int slot = hash() & (SLOTS - 1);
        byte[] known = keys[slot];
        boolean same = known != null && keyLengths[slot] == keyLength
                && Arrays.equals(known, 0, keyLength, key, 0, keyLength);
        return same ? slot : -1 - slot;
    }

    void remember(int slot, ServiceIdentity identity) {
        if (keys[slot] == null || keys[slot].length < keyLength) {
            keys[slot] = new byte[Math.max(keyLength, 128)];
        }
        System.arraycopy(key, 0, keys[slot], 0, keyLength);
        keyLengths[slot] = keyLength;
        directions[slot] = identity.direction();
        services[slot] = identity.service();
        subsets[slot] = identity.subset();
        workloads[slot] = identity.workload();
        workloadVersions[slot] = identity.workloadVersion();
    }

    private boolean append(AccessEvent event, Field[] fields) {
        for (Field field : fields) {
            if (!append(event.text(field))) {
                return false;
            }
        }
        return true;
    }

    /** The value's length in two bytes, then its bytes: no two different sequences of values give one key. */
    private boolean append(ByteView value) {
        int length = value == null ? 0 : value.length();
        if (keyLength + 2 + length > MAX_KEY) {
            return false;
        }
        int marker = value == null ? ABSENT : length;
        key[keyLength++] = (byte) (marker >>> 8);
        key[keyLength++] = (byte) marker;
        if (value != null) {
            System.arraycopy(value.bytes(), value.offset(), key, keyLength, length);
            keyLength += length;
        }
        return true;
    }

    private int hash() {
        long h = keyLength;
        int i = 0;
        for (; i <= keyLength - Long.BYTES; i += Long.BYTES) {
            h = Long.rotateLeft((h ^ (long) LONGS.get(key, i)) * 0x9E3779B97F4A7C15L, 29);
        }
        for (; i < keyLength; i++) {
            h = (h ^ key[i]) * 0x9E3779B97F4A7C15L;
        }
        return (int) (h ^ (h >>> 32) ^ (h >>> 17));
    }
}
