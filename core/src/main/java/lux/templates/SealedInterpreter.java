package lux.templates;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.interpret.Context;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;

/**
 * Jinjava's interpreter carrying the {@link RenderGuard} of its render, found by the
 * sealed tags and resolver.
 */
final class SealedInterpreter extends JinjavaInterpreter {

    private final RenderGuard guard;

    SealedInterpreter(Jinjava jinjava, Context context, JinjavaConfig config, RenderGuard guard) {
        super(jinjava, context, config);
        this.guard = guard;
    }

    RenderGuard guard() {
        return guard;
    }

}
