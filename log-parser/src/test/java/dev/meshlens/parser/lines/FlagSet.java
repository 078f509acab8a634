package dev.meshlens.parser.lines;

import dev.meshlens.parser.event.ResponseFlag;
import java.util.ArrayList;
import java.util.List;

/**
 * The response flags of a generated record: known flags, each spelled short or long, and codes no Envoy build
 * knows (custom flags), which the parser must keep as {@link ResponseFlag#UNKNOWN}.
 */
public record FlagSet(List<ResponseFlag> flags, List<Boolean> longNames, List<String> unknownCodes) {
    public static final FlagSet NONE = new FlagSet(List.of(), List.of(), List.of());

    public static FlagSet shortCodes(ResponseFlag... flags) {
        return spelled(false, flags);
    }

    public static FlagSet longNames(ResponseFlag... flags) {
        return spelled(true, flags);
    }

    private static FlagSet spelled(boolean longName, ResponseFlag... flags) {
        List<Boolean> spelling = new ArrayList<>();
        for (int i = 0; i < flags.length; i++) {
            spelling.add(longName);
        }
        return new FlagSet(List.of(flags), spelling, List.of());
    }

    /** The first flag short, the second long: Envoy never mixes them, but nothing stops a hand-written line. */
    public static FlagSet mixed(ResponseFlag first, ResponseFlag second) {
        return new FlagSet(List.of(first, second), List.of(false, true), List.of());
    }

    public FlagSet withUnknown(String... codes) {
        List<String> all = new ArrayList<>(unknownCodes);
        all.addAll(List.of(codes));
        return new FlagSet(flags, longNames, all);
    }

    /** What {@code %RESPONSE_FLAGS%} prints: comma separated, no space, {@code -} for none. */
    public String printed() {
        return print(false);
    }

    /** What {@code %RESPONSE_FLAGS_LONG%} prints: every known flag by its long name. */
    public String printedLong() {
        return print(true);
    }

    private String print(boolean allLong) {
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < flags.size(); i++) {
            ResponseFlag flag = flags.get(i);
            tokens.add(allLong || longNames.get(i) ? flag.longName() : flag.shortCode());
        }
        tokens.addAll(unknownCodes);
        return tokens.isEmpty() ? "-" : String.join(",", tokens);
    }

    /** The bits the parser must report: one per flag, and {@link ResponseFlag#UNKNOWN} for any unknown code. */
    public long expectedBits() {
        long bits = unknownCodes.isEmpty() ? 0L : ResponseFlag.UNKNOWN.bit();
        for (ResponseFlag flag : flags) {
            bits |= flag.bit();
        }
        return bits;
    }

    @Override
    public String toString() {
        return printed();
    }
}
