package lux.templates;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.interpret.Context;
import com.hubspot.jinjava.interpret.RenderResult;
import com.hubspot.jinjava.interpret.TemplateError;
import java.io.FileNotFoundException;
import java.util.Map;
import java.util.Set;

/**
 * Jinjava set up for untrusted authors (marketers and the LLM): unknown variables are errors, no template can
 * load another resource, output is bounded, and HTML output is auto-escaped. Only plain maps and strings go in.
 */
final class JinjavaRenderer {
    private static final long MAX_OUTPUT = 2_000_000;
    private final Jinjava jinjava;
    private final String part;

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

    String render(String template, Map<String, Object> model) {
        RenderResult result;
        try {
            result = jinjava.renderForResult(template, model);
        } catch (RuntimeException e) {
            // Jinjava throws (rather than reports) a few errors, e.g. unknown tokens in some positions.
            throw new TemplateRenderException(part, lineOf(e), describe(e));
        }
        for (TemplateError error : result.getErrors()) {
            if (error.getSeverity() == TemplateError.ErrorType.FATAL) {
                throw new TemplateRenderException(part, error.getLineno(), message(error));
            }
        }
        return result.getOutput();
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
