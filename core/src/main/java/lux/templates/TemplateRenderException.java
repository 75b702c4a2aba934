package lux.templates;

import lux.shared.InvalidInputException;

/**
 * A template that cannot be rendered: names the template, the part (subject, body, text
 * body), the line and the problem.
 */
public class TemplateRenderException extends InvalidInputException {

    private final String part;

    private final int line;

    public TemplateRenderException(String part, int line, String problem) {
        this(null, part, line, problem);
    }

    public TemplateRenderException(String template, String part, int line, String problem) {
        super(part, "The " + part + (template == null || template.isBlank() ? "" : " of template \"" + template + "\"")
                + (line > 0 ? " has a problem on line " + line : " has a problem") + ": " + problem);
        this.part = part;
        this.line = line;
    }

    public String part() {
        return part;
    }

    public int line() {
        return line;
    }

}
