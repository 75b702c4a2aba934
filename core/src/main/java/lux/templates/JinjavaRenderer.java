package lux.templates;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.el.JinjavaProcessors;
import com.hubspot.jinjava.interpret.Context;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.interpret.TemplateError;
import com.hubspot.jinjava.lib.filter.Filter;
import java.io.FileNotFoundException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Jinjava sealed for untrusted authors (marketers, API clients and the LLM): templates
 * are data, never code. The data is plain maps, lists, text, numbers and dates
 * ({@link TemplateData}); the only way into it is by key, index or the allowed filters
 * ({@link TemplateSyntax}); no Java method can be called ({@link SealedResolver}); the
 * interpreter is unreachable by name ({@link SealedExpressions}); and every render has a
 * budget of time, loop iterations and output ({@link RenderGuard}). Unknown variables are
 * errors, no template can load another resource, and HTML output is auto-escaped.
 */
final class JinjavaRenderer {

    private static final int MAX_POOLED = 64;

    private final TemplateProperties limits;

    private final String part;

    private final boolean autoEscape;

    private final boolean failOnUnknown;

    private final List<Filter> extra;

    /**
     * Jinjava and its configuration, built on the first render: building them loads and
     * registers every built-in filter, function and tag (about half a second of the
     * application's start), and no start-up work renders a template.
     */
    private volatile Engine engine;

    private record Engine(Jinjava jinjava, JinjavaConfig config) {
    }

    /**
     * Per-render copies of the global context, reused: building one registers every
     * built-in filter and tag.
     */
    private final ConcurrentLinkedQueue<Context> bases = new ConcurrentLinkedQueue<>();

    private JinjavaRenderer(boolean autoEscape, boolean failOnUnknown, String part, TemplateProperties limits,
            List<Filter> extra) {
        this.part = part;
        this.limits = limits;
        this.autoEscape = autoEscape;
        this.failOnUnknown = failOnUnknown;
        this.extra = List.copyOf(extra);
    }

    private Engine engine() {
        Engine built = engine;
        if (built == null) {
            synchronized (this) {
                built = engine;
                if (built == null) {
                    built = build();
                    engine = built;
                }
            }
        }
        return built;
    }

    private Engine build() {
        JinjavaConfig config = JinjavaConfig.newBuilder()
            .withFailOnUnknownTokens(failOnUnknown)
            // Contact data is text: a first name of "{{ ... }}" must be printed, never
            // evaluated.
            .withNestedInterpretationEnabled(false)
            .withMaxOutputSize(limits.maxOutput())
            .withMaxStringLength(limits.maxOutput())
            .withMaxListSize(10_000)
            .withMaxMapSize(10_000)
            .withMaxRenderDepth(10)
            .withRangeLimit(1000)
            .withEnableFilterChainOptimization(false)
            .withElResolver(new SealedResolver())
            .withObjectUnwrapper(new SealedUnwrapper())
            .withProcessors(JinjavaProcessors.newBuilder()
                .withNodePreProcessor((node, interpreter) -> RenderGuard.of(interpreter).check())
                .build())
            .withDisabled(TemplateSyntax.disabled())
            .build();
        Jinjava jinjava = SealedExpressions.jinjava(config);
        jinjava.setResourceLocator((name, charset, interpreter) -> {
            throw new FileNotFoundException("templates cannot load other files (" + name + ")");
        });
        Context global = jinjava.getGlobalContext();
        global.setAutoEscape(autoEscape);
        global.registerTag(new SealedForTag());
        for (String name : TemplateSyntax.FILTERS) {
            Filter filter = global.getFilter(name);
            if (filter != null) {
                global.registerFilter(new SealedFilter(filter));
            }
        }
        TemplateSyntax.refusedFilters().forEach(name -> global.registerFilter(new RefusedFilter(name)));
        extra.forEach(filter -> global.registerFilter(new SealedFilter(filter)));
        return new Engine(jinjava, config);
    }

    static JinjavaRenderer html(TemplateProperties limits) {
        return new JinjavaRenderer(true, true, "body", limits, List.of());
    }

    static JinjavaRenderer plain(String part, TemplateProperties limits) {
        return new JinjavaRenderer(false, true, part, limits, List.of());
    }

    /**
     * For LUX's own templates filled with data (absent values are empty), with extra
     * filters of the caller's.
     */
    static JinjavaRenderer data(TemplateProperties limits, List<Filter> extra) {
        return new JinjavaRenderer(false, false, "template", limits, extra);
    }

    /**
     * What {@code Jinjava.renderForResult} does, minus its per-call copy of the global
     * context (which registers every built-in filter, function and tag by reflection:
     * most of a render's cost). Each render still gets its own base, reset afterwards, so
     * nothing one render resolves is seen by another or shared between threads.
     * @param name the template's name, for error messages
     */
    String render(String name, String template, Map<String, ?> model) {
        Map<String, Object> data = TemplateData.seal(model);
        Engine engine = engine();
        Jinjava jinjava = engine.jinjava();
        JinjavaConfig config = engine.config();
        Context base = bases.poll();
        if (base == null) {
            base = copyOfGlobalContext(jinjava);
        }
        RenderGuard guard = new RenderGuard(limits);
        String output;
        List<TemplateError> errors;
        JinjavaInterpreter interpreter = new SealedInterpreter(jinjava, new Context(base, data, config.getDisabled()),
                config, guard);
        JinjavaInterpreter.pushCurrent(interpreter);
        try {
            output = interpreter.render(template);
            errors = interpreter.getErrorsCopy();
        }
        catch (RuntimeException e) {
            // Jinjava throws (rather than reports) a few errors, e.g. unknown tokens in
            // some positions.
            TemplateRenderException refused = refusal(guard, name);
            throw refused != null ? refused : new TemplateRenderException(name, part, lineOf(e), describe(e));
        }
        finally {
            JinjavaInterpreter.popCurrent();
            base.reset();
            if (bases.size() < MAX_POOLED) {
                bases.offer(base);
            }
        }
        // The guard's refusal comes first: it is the cause of whatever Jinjava reported
        // after it.
        TemplateRenderException refused = refusal(guard, name);
        if (refused != null) {
            throw refused;
        }
        for (TemplateError error : errors) {
            if (error.getSeverity() == TemplateError.ErrorType.FATAL) {
                throw new TemplateRenderException(name, part, error.getLineno(), message(error));
            }
        }
        return output;
    }

    private TemplateRenderException refusal(RenderGuard guard, String name) {
        RenderGuard.Refused refused = guard.refused();
        return refused == null ? null : new TemplateRenderException(name, part, refused.line(), refused.getMessage());
    }

    /**
     * As Jinjava's private copyGlobalContext: a parentless context with the global one's
     * entries and settings.
     */
    private static Context copyOfGlobalContext(Jinjava jinjava) {
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

    private String message(TemplateError error) {
        String text = error.getMessage() == null ? error.getReason().name() : error.getMessage();
        if (error.getReason() == TemplateError.ErrorReason.UNKNOWN && error.getFieldName() != null) {
            return "unknown variable \"" + error.getFieldName() + "\" (" + text + ")";
        }
        if (error.getReason() == TemplateError.ErrorReason.DISABLED) {
            return TemplateSyntax.notAllowed(error.getItem(), error.getFieldName());
        }
        if (error.getReason() == TemplateError.ErrorReason.OUTPUT_TOO_BIG) {
            return "it would be longer than " + limits.maxOutput() + " characters (lux.templates.max-output).";
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
