package dev.meshlens.parser.lines;

import dev.meshlens.parser.event.ResponseFlag;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Every flag alone, short and long; pairs; mixed spellings; and codes no Envoy build knows. */
public final class FlagCases {
    private static final List<FlagSet> ALL = build();

    private FlagCases() {
    }

    /** The flags Envoy defines (every constant but {@link ResponseFlag#UNKNOWN}). */
    public static List<ResponseFlag> known() {
        return Arrays.stream(ResponseFlag.values()).filter(f -> f != ResponseFlag.UNKNOWN).toList();
    }

    public static List<FlagSet> all() {
        return ALL;
    }

    private static List<FlagSet> build() {
        List<ResponseFlag> known = known();
        int n = known.size();
        List<FlagSet> cases = new ArrayList<>();
        cases.add(FlagSet.NONE);
        for (ResponseFlag flag : known) {
            cases.add(FlagSet.shortCodes(flag));
            cases.add(FlagSet.longNames(flag));
        }
        for (int i = 0; i < n; i++) {
            cases.add(FlagSet.shortCodes(known.get(i), known.get((i + 1) % n)));
        }
        for (int i = 0; i < n; i += 3) {
            cases.add(FlagSet.longNames(known.get(i), known.get((i + 7) % n)));
            cases.add(FlagSet.mixed(known.get(i), known.get((i + 11) % n)));
        }
        cases.add(FlagSet.shortCodes(ResponseFlag.UF, ResponseFlag.URX));
        cases.add(FlagSet.longNames(ResponseFlag.UF, ResponseFlag.URX));
        cases.add(FlagSet.shortCodes(ResponseFlag.UH, ResponseFlag.UF, ResponseFlag.UO, ResponseFlag.URX));
        cases.add(FlagSet.NONE.withUnknown("XYZ"));
        cases.add(FlagSet.shortCodes(ResponseFlag.UF).withUnknown("XYZ"));
        cases.add(FlagSet.longNames(ResponseFlag.NR).withUnknown("CUSTOMFLAG", "Q"));
        return List.copyOf(cases);
    }

    /** Every {@code stride}-th case, and the unknown codes: for the envelopes that do not need every flag. */
    public static List<FlagSet> sample(int stride) {
        List<FlagSet> all = all();
        List<FlagSet> sample = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            if (i % stride == 0 || !all.get(i).unknownCodes().isEmpty()) {
                sample.add(all.get(i));
            }
        }
        return sample;
    }
}
