package lux.templates;

import com.hubspot.jinjava.interpret.JinjavaInterpreter;

/**
 * One render's budget and its first refusal. Jinjava catches and records most exceptions
 * and carries on, so the guard remembers what went wrong; once spent it stays spent, and
 * every later check throws again at once, so a render stops within a step however many
 * loops or macros it is nested in.
 */
final class RenderGuard {

    private final TemplateProperties limits;

    private final long deadline;

    private long iterations;

    private Refused refused;

    RenderGuard(TemplateProperties limits) {
        this.limits = limits;
        this.deadline = System.nanoTime() + limits.renderTimeout().toNanos();
    }

    /**
     * The guard of the render {@code interpreter} runs; fails closed for an interpreter
     * LUX did not create.
     */
    static RenderGuard of(JinjavaInterpreter interpreter) {
        if (interpreter instanceof SealedInterpreter sealed) {
            return sealed.guard();
        }
        throw new IllegalStateException("template rendered outside LUX's sealed interpreter");
    }

    static RenderGuard current() {
        return of(JinjavaInterpreter.getCurrent());
    }

    /**
     * A step of the render (a node, a filter): throws once the render is over budget or
     * refused.
     */
    void check() {
        if (refused != null) {
            throw refused;
        }
        if (System.nanoTime() - deadline > 0) {
            throw refuse("it took longer than " + human(limits.renderTimeout()) + " to render"
                    + " (lux.templates.render-timeout). Simplify its loops or conditions.");
        }
    }

    /** One more for-loop iteration, counted across every loop of the render. */
    void iteration() {
        check();
        if (++iterations > limits.maxLoopIterations()) {
            throw refuse("its loops ran more than " + limits.maxLoopIterations() + " times in all"
                    + " (lux.templates.max-loop-iterations). Loop over less data or fewer nested ranges.");
        }
    }

    /**
     * Records {@code problem} (the first one wins) and returns the exception to throw.
     */
    Refused refuse(String problem) {
        if (refused == null) {
            int line = JinjavaInterpreter.getCurrentMaybe().map(JinjavaInterpreter::getLineNumber).orElse(-1);
            refused = new Refused(problem, line);
        }
        return refused;
    }

    /** What was refused, or null. */
    Refused refused() {
        return refused;
    }

    int maxOutput() {
        return limits.maxOutput();
    }

    private static String human(java.time.Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    /**
     * An ELException, so that Jinjava's expression resolver records it as a template
     * error instead of wrapping it; no stack trace, since it is thrown again on every
     * check once a render is spent.
     */
    static final class Refused extends jinjava.javax.el.ELException {

        private final int line;

        Refused(String problem, int line) {
            super(problem);
            this.line = line;
        }

        int line() {
            return line;
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }

    }

}
