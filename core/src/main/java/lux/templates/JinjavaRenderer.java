package lux.templates;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.interpret.Context;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.interpret.TemplateError;
import java.io.FileNotFoundException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Jinjava set up for untrusted authors (marketers and the LLM): unknown variables are errors, no template can
 * load another resource, output is bounded, and HTML output is auto-escaped. Only plain maps and strings go in.
 */
final class JinjavaRenderer {
    private static final long MAX_OUTPUT = 2_000_000;
    private static final int MAX_POOLED = 64;
    private final Jinjava jinjava;
    private final JinjavaConfig config;
    private final String part;
    /** Per-render copies of the global context, reused: building one registers every built-in filter and tag. */
    private final ConcurrentLinkedQueue<Context> bases = new ConcurrentLinkedQueue<>();

    private JinjavaRenderer(boolean autoEscape, String part) {
        this.part = part;
        JinjavaConfig config = JinjavaConfig.newBuilder()
                .withFailOnUnknownTokens(true)
                // Contact data is text: a first name of "{{ ... }}" must be printed, never evaluated.
                .withNestedInterpretationEnabled(false)
                .withMaxOutputSize(MAX_OUTPUT)
                .withMaxRenderDepth(10)
                .withRangeLimit(1000)
                .withMaxStringLength(MAX_OUTPUT)
                .withDisabled(Map.of(Context.Library.TAG, Set.of("include", "import", "from", "extends")))
                .build();
        this.config = config;
        this.jinjava = new Jinjava(config);
        this.jinjava.setResourceLocator((name, charset, interpreter) -> {
            throw new FileNotFoundException("templates cannot load other files (" + name + ")");
        });
        this.jinjava.getGlobalContext().setAutoEscape(autoEscape);
    }

    static JinjavaRenderer html() {
        return new JinjavaRenderer(true, "body");
    }

    static JinjavaRenderer plain(String part) {
        return new JinjavaRenderer(false, part);
    }

    /**
     * What {@code Jinjava.renderForResult} does, minus its per-call copy of the global context (which registers
     * every built-in filter, function and tag by reflection: most of a render's cost). Each render still gets its
     * own base, reset afterwards, so nothing one render resolves is seen by another or shared between threads.
     */
    String render(String template, Map<String, Object> model) {
        Context base = bases.poll();
        if (base == null) {
            base = copyOfGlobalContext();
        }
        String output;
        List<TemplateError> errors;
        JinjavaInterpreter interpreter = jinjava.getGlobalConfig().getInterpreterFactory()
                .newInstance(jinjava, new Context(base, model, config.getDisabled()), config);
        JinjavaInterpreter.pushCurrent(interpreter);
        try {
            output = interpreter.render(template);
            errors = interpreter.getErrorsCopy();
        } catch (RuntimeException e) {
            // Jinjava throws (rather than reports) a few errors, e.g. unknown tokens in some positions.
            throw new TemplateRenderException(part, lineOf(e), describe(e));
        } finally {
            JinjavaInterpreter.popCurrent();
            base.reset();
            if (bases.size() < MAX_POOLED) {
                bases.offer(base);
            }
        }
        for (TemplateError error : errors) {
            if (error.getSeverity() == TemplateError.ErrorType.FATAL) {
                throw new TemplateRenderException(part, error.getLineno(), message(error));
            }
        }
        return output;
    }

    /** As Jinjava's private copyGlobalContext: a parentless context with the global one's entries and settings. */
    private Context copyOfGlobalContext() {
        Context global = jinjava.getGlobalContext();
        Context copy = new Context(null, global);
        global.getAllExpTests().forEach(copy::registerExpTest);
        global.getAllFilters().forEach(copy::registerFilter);
        global.getAllFunctions().forEach(copy::registerFunction);
        global.getAllTags().forEach(copy::registerTag);
        copy.setAutoEscape(global.isAutoEscape());
        copy.setDynamicVariableResolver(global.getDynamicVariableResolver());
        return copy;
    }

    private static String message(TemplateError error) {
        String text = error.getMessage() == null ? error.getReason().name() : error.getMessage();
        if (error.getReason() == TemplateError.ErrorReason.UNKNOWN && error.getFieldName() != null) {
            return "unknown variable \"" + error.getFieldName() + "\" (" + text + ")";
        }
        return text;
    }

    private static int lineOf(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof com.hubspot.jinjava.interpret.InterpretException ie && ie.getLineNumber() > 0) {
                return ie.getLineNumber();
            }
        }
        return -1;
    }

    private static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
