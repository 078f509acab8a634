package dev.meshlens.parser.format;

import dev.meshlens.parser.event.AccessEvent;
import dev.meshlens.parser.event.Field;
import java.lang.constant.ConstantDescs;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.List;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Type;

import static dev.meshlens.parser.format.MatchSteps.NUMBER;
import static dev.meshlens.parser.format.MatchSteps.SKIPPED;
import static dev.meshlens.parser.format.MatchSteps.TEXT;
import static org.objectweb.asm.Opcodes.*;

/**
 * Writes a {@link LineMatcher} for one format: the format's tokens unrolled into straight-line code that calls
 * {@link MatchSteps} with each token's literal, field and strategy as constants. The JIT inlines the steps and
 * folds the constants, so a line costs its searches, conversions and stores without the token loop's
 * per-token dispatch. Format strings arrive at run time (presets, users' own), hence a hidden class rather
 * than source code. The generated code only ever accepts a whole line; anything else it leaves to the loop,
 * which reports the reason and offset.
 */
final class MatcherCompiler {
    private static final String STEPS = Type.getInternalName(MatchSteps.class);
    private static final String EVENT = Type.getDescriptor(AccessEvent.class);
    private static final String FIELD = Type.getDescriptor(Field.class);
    private static final String PATTERN = Type.getDescriptor(TimePattern.class);
    private static final String CLASS = Type.getInternalName(MatcherCompiler.class).replace("MatcherCompiler",
            "GeneratedMatcher");

    /**
     * Values per generated method. C2 inlines into one method at most 8,000 bytecodes, its own and its callees':
     * a value's search and store count about 400, so a whole Istio line in one method would leave its last
     * values as calls. Each part is a method of its own with a budget of its own.
     */
    private static final int VALUES_PER_PART = 8;
    /** {@code static int partK(byte[] b, int pos, int end, AccessEvent event, int source)}. */
    private static final String PART = "([BII" + EVENT + "I)I";

    // A part's arguments and locals.
    private static final int LINE = 0;
    private static final int POS = 1;
    private static final int END = 2;
    private static final int EVENT_ARG = 3;
    private static final int SOURCE = 4;
    private static final int VALUE_END = 5;

    private final LogFormat format;
    /** The literals and time patterns: the generated class's static finals, which the JIT treats as constants. */
    private final List<Object> constants = new ArrayList<>();
    private final List<String> constantDescriptors = new ArrayList<>();
    private final ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_FRAMES | ClassWriter.COMPUTE_MAXS);
    private MethodVisitor code;

    private MatcherCompiler(LogFormat format) {
        this.format = format;
    }

    /**
     * The generated matcher of {@code format}. Values always have a literal between them (the grammar refuses a
     * format without), so each value's end is found by the search for the literal after it.
     */
    static LineMatcher compile(LogFormat format) {
        return new MatcherCompiler(format).generate();
    }

    private LineMatcher generate() {
        writer.visit(V17, ACC_FINAL | ACC_SYNTHETIC, CLASS, null, "java/lang/Object",
                new String[] {Type.getInternalName(LineMatcher.class)});
        writeConstructor();
        writeMatch();
        writeConstants();
        writer.visitEnd();
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup()
                    .defineHiddenClassWithClassData(writer.toByteArray(), constants.toArray(), true);
            return (LineMatcher) lookup.findConstructor(lookup.lookupClass(), MethodType.methodType(void.class))
                    .invoke();
        } catch (Throwable e) {
            throw new IllegalStateException("generating the matcher of " + format, e);
        }
    }

    private void writeConstructor() {
        MethodVisitor init = writer.visitMethod(0, "<init>", "()V", null, null);
        init.visitCode();
        init.visitVarInsn(ALOAD, 0);
        init.visitMethodInsn(INVOKESPECIAL, "java/lang/Object", "<init>", "()V", false);
        init.visitInsn(RETURN);
        init.visitMaxs(0, 0);
        init.visitEnd();
    }

    /** {@code match}: the parts in turn, each from where the one before stopped; then the line must be over. */
    private void writeMatch() {
        List<Integer> starts = partStarts();
        for (int k = 0; k < starts.size(); k++) {
            writePart(k, starts.get(k), k + 1 < starts.size() ? starts.get(k + 1) : format.tokenCount());
        }
        // match(b, off, end, event)'s slots: this, then its arguments; off becomes the position; then the source.
        int line = 1;
        int pos = 2;
        int end = 3;
        int event = 4;
        int source = 5;
        MethodVisitor match = writer.visitMethod(ACC_PUBLIC, "match", "([BII" + EVENT + ")I", null, null);
        match.visitCode();
        match.visitVarInsn(ALOAD, event);
        match.visitVarInsn(ALOAD, line);
        match.visitMethodInsn(INVOKEVIRTUAL, Type.getInternalName(AccessEvent.class), "sourceId", "([B)B", false);
        match.visitVarInsn(ISTORE, source);
        Label fail = new Label();
        for (int k = 0; k < starts.size(); k++) {
            match.visitVarInsn(ALOAD, line);
            match.visitVarInsn(ILOAD, pos);
            match.visitVarInsn(ILOAD, end);
            match.visitVarInsn(ALOAD, event);
            match.visitVarInsn(ILOAD, source);
            match.visitMethodInsn(INVOKESTATIC, CLASS, partName(k), PART, false);
            storeThenIfNegative(match, pos, fail);
        }
        match.visitVarInsn(ILOAD, pos);
        match.visitVarInsn(ILOAD, end);
        match.visitJumpInsn(IF_ICMPNE, fail);
        match.visitLdcInsn(format.tokenCount());
        match.visitInsn(IRETURN);
        match.visitLabel(fail);
        match.visitInsn(ICONST_M1);
        match.visitInsn(IRETURN);
        match.visitMaxs(0, 0);
        match.visitEnd();
    }

    /** The first token of each part: a new part starts at a token after {@link #VALUES_PER_PART} values. */
    private List<Integer> partStarts() {
        List<Integer> starts = new ArrayList<>(List.of(0));
        int values = 0;
        for (int i = 0; i < format.tokenCount(); i++) {
            if (values == VALUES_PER_PART) {
                starts.add(i);
                values = 0;
            }
            if (format.literal(i) == null) {
                values++;
                i++;
            }
        }
        return starts;
    }

    private static String partName(int k) {
        return "part" + k;
    }

    /** Tokens {@code [from, to)}: returns the position after them, or -1 where one does not fit. */
    private void writePart(int k, int from, int to) {
        code = writer.visitMethod(ACC_PRIVATE | ACC_STATIC, partName(k), PART, null, null);
        code.visitCode();
        Label fail = new Label();
        int n = format.tokenCount();
        for (int i = from; i < to; i++) {
            // Line number = token number (from 1), in stack traces and profiles.
            Label token = new Label();
            code.visitLabel(token);
            code.visitLineNumber(i + 1, token);
            if (format.literal(i) != null) {
                writeLiteral(i, fail);
            } else if (i + 1 == n) {
                writeLastValue(i, fail);
            } else {
                writeValue(i, fail);
                i++;
            }
        }
        code.visitVarInsn(ILOAD, POS);
        code.visitInsn(IRETURN);
        code.visitLabel(fail);
        code.visitInsn(ICONST_M1);
        code.visitInsn(IRETURN);
        code.visitMaxs(0, 0);
        code.visitEnd();
    }

    /** {@code if (!literalAt(b, pos, end, literal, word, mask)) fail; pos += literal.length;} */
    private void writeLiteral(int i, Label fail) {
        loadLinePosEnd();
        loadLiteral(i);
        code.visitMethodInsn(INVOKESTATIC, STEPS, "literalAt", "([BII[BJJ)Z", false);
        code.visitJumpInsn(IFEQ, fail);
        code.visitIincInsn(POS, format.literal(i).length);
    }

    /** Value {@code i} and the literal after it, which the search for the value's end matches. */
    private void writeValue(int i, Label fail) {
        Label done = new Label();
        Label general = new Label();
        if (format.valueKind(i) == NUMBER && format.endSearch(i) == EndSearch.SPACE) {
            loadLinePosEnd();
            loadField(i);
            code.visitVarInsn(ILOAD, SOURCE);
            code.visitVarInsn(ALOAD, EVENT_ARG);
            code.visitMethodInsn(INVOKESTATIC, STEPS, "spacedNumber", "([BII" + FIELD + "I" + EVENT + ")I", false);
            storeThenIfNegative(code, VALUE_END, general);
            code.visitVarInsn(ILOAD, VALUE_END);
            code.visitVarInsn(ISTORE, POS);
            code.visitJumpInsn(GOTO, done);
        }
        code.visitLabel(general);
        writeValueEnd(i);
        storeThenIfNegative(code, VALUE_END, fail);
        writeStore(i, fail);
        code.visitVarInsn(ILOAD, VALUE_END);
        code.visitLdcInsn(format.literal(i + 1).length);
        code.visitInsn(IADD);
        code.visitVarInsn(ISTORE, POS);
        code.visitLabel(done);
    }

    /** Pushes where value {@code i} ends, by the search {@link LogFormat} chose for it. */
    private void writeValueEnd(int i) {
        EndSearch search = format.endSearch(i);
        loadLinePosEnd();
        if (search != EndSearch.SPACE) {
            loadLiteral(i + 1);
        }
        if (search == EndSearch.LITERAL) {
            code.visitInsn(format.isoTimeFirst(i) ? ICONST_1 : ICONST_0);
        }
        code.visitMethodInsn(INVOKESTATIC, STEPS, search.step, search.descriptor, false);
    }

    /** The format's last token, a value: it runs to the end of the line, which must hold no separator. */
    private void writeLastValue(int i, Label fail) {
        code.visitVarInsn(ALOAD, LINE);
        code.visitVarInsn(ILOAD, POS);
        code.visitVarInsn(ILOAD, END);
        code.visitMethodInsn(INVOKESTATIC, STEPS, "hasSeparator", "([BII)Z", false);
        code.visitJumpInsn(IFNE, fail);
        code.visitVarInsn(ILOAD, END);
        code.visitVarInsn(ISTORE, VALUE_END);
        writeStore(i, fail);
        code.visitVarInsn(ILOAD, END);
        code.visitVarInsn(ISTORE, POS);
    }

    /** {@code if (!text|number|converted(b, pos, valueEnd, ...)) fail;}, by the value's kind. */
    private void writeStore(int i, Label fail) {
        byte kind = format.valueKind(i);
        if (kind == SKIPPED) {
            return;
        }
        code.visitVarInsn(ALOAD, LINE);
        code.visitVarInsn(ILOAD, POS);
        code.visitVarInsn(ILOAD, VALUE_END);
        if (kind == TEXT) {
            code.visitLdcInsn(format.field(i).ordinal());
            code.visitVarInsn(ILOAD, SOURCE);
            code.visitVarInsn(ALOAD, EVENT_ARG);
            code.visitMethodInsn(INVOKESTATIC, STEPS, "text", "([BIIII" + EVENT + ")Z", false);
        } else if (kind == NUMBER) {
            loadField(i);
            code.visitVarInsn(ILOAD, SOURCE);
            code.visitVarInsn(ALOAD, EVENT_ARG);
            code.visitMethodInsn(INVOKESTATIC, STEPS, "number", "([BII" + FIELD + "I" + EVENT + ")Z", false);
        } else if (format.timePattern(i) != null) {
            loadConstant(format.timePattern(i), PATTERN);
            code.visitVarInsn(ALOAD, EVENT_ARG);
            code.visitMethodInsn(INVOKESTATIC, STEPS, "patternTime", "([BII" + PATTERN + EVENT + ")Z", false);
        } else {
            writeConversion(format.field(i));
        }
        code.visitJumpInsn(IFEQ, fail);
    }

    /** Time, flags or the cluster name: its kind's own step, which reads no kind at run time. */
    private void writeConversion(Field field) {
        String step = switch (field.kind()) {
            case TIME -> "isoTime";
            case FLAGS -> "flags";
            case CLUSTER -> "cluster";
            default -> null;
        };
        if (step == null) {
            loadField(field);
            code.visitInsn(ACONST_NULL);
            code.visitVarInsn(ILOAD, SOURCE);
            code.visitVarInsn(ALOAD, EVENT_ARG);
            code.visitMethodInsn(INVOKESTATIC, STEPS, "converted", "([BII" + FIELD + PATTERN + "I" + EVENT + ")Z",
                    false);
            return;
        }
        if (field.kind() != Field.Kind.TIME) {
            loadField(field);
        }
        code.visitVarInsn(ILOAD, SOURCE);
        code.visitVarInsn(ALOAD, EVENT_ARG);
        String fieldArgument = field.kind() == Field.Kind.TIME ? "" : FIELD;
        code.visitMethodInsn(INVOKESTATIC, STEPS, step, "([BII" + fieldArgument + "I" + EVENT + ")Z", false);
    }

    /** {@code slot = (the int on the stack); if (slot < 0) goto negative;} */
    private static void storeThenIfNegative(MethodVisitor method, int slot, Label negative) {
        method.visitVarInsn(ISTORE, slot);
        method.visitVarInsn(ILOAD, slot);
        method.visitJumpInsn(IFLT, negative);
    }

    private void loadLinePosEnd() {
        code.visitVarInsn(ALOAD, LINE);
        code.visitVarInsn(ILOAD, POS);
        code.visitVarInsn(ILOAD, END);
    }

    /** Pushes literal {@code i}, its first word and that word's mask. */
    private void loadLiteral(int i) {
        loadConstant(format.literal(i), "[B");
        code.visitLdcInsn(format.literalWord(i));
        code.visitLdcInsn(format.literalMask(i));
    }

    private void loadField(int i) {
        loadField(format.field(i));
    }

    private void loadField(Field field) {
        code.visitFieldInsn(GETSTATIC, Type.getInternalName(Field.class), field.name(), FIELD);
    }

    private void loadConstant(Object value, String descriptor) {
        int index = constants.size();
        constants.add(value);
        constantDescriptors.add(descriptor);
        code.visitFieldInsn(GETSTATIC, CLASS, constantName(index), descriptor);
    }

    private static String constantName(int index) {
        return "c" + index;
    }

    /** Static final fields, set from the class data the hidden class was defined with. */
    private void writeConstants() {
        MethodVisitor init = writer.visitMethod(ACC_STATIC, "<clinit>", "()V", null, null);
        init.visitCode();
        init.visitMethodInsn(INVOKESTATIC, "java/lang/invoke/MethodHandles", "lookup",
                "()Ljava/lang/invoke/MethodHandles$Lookup;", false);
        init.visitLdcInsn(ConstantDescs.DEFAULT_NAME);
        init.visitLdcInsn(Type.getType(Object[].class));
        init.visitMethodInsn(INVOKESTATIC, "java/lang/invoke/MethodHandles", "classData",
                "(Ljava/lang/invoke/MethodHandles$Lookup;Ljava/lang/String;Ljava/lang/Class;)Ljava/lang/Object;",
                false);
        init.visitTypeInsn(CHECKCAST, "[Ljava/lang/Object;");
        init.visitVarInsn(ASTORE, 0);
        for (int k = 0; k < constants.size(); k++) {
            String descriptor = constantDescriptors.get(k);
            writer.visitField(ACC_PRIVATE | ACC_STATIC | ACC_FINAL, constantName(k), descriptor, null, null)
                    .visitEnd();
            init.visitVarInsn(ALOAD, 0);
            init.visitLdcInsn(k);
            init.visitInsn(AALOAD);
            init.visitTypeInsn(CHECKCAST, Type.getType(descriptor).getInternalName());
            init.visitFieldInsn(PUTSTATIC, CLASS, constantName(k), descriptor);
        }
        init.visitInsn(RETURN);
        init.visitMaxs(0, 0);
        init.visitEnd();
    }
}
