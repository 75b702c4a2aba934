package lux.agent.tools;

import java.time.format.DateTimeParseException;
import java.util.function.Supplier;
import lux.shared.LuxException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a tool's failure into a {@link ToolResult.Failed} the model can act on, instead
 * of an exception that ends the turn.
 */
final class ToolResults {

    private static final Logger log = LoggerFactory.getLogger(ToolResults.class);

    private ToolResults() {
    }

    static ToolResult attempt(ToolSession session, String tool, Supplier<ToolResult> action) {
        session.called(tool);
        try {
            ToolResult result = action.get();
            session.answered(result);
            return result;
        }
        catch (LuxException | DateTimeParseException | IllegalArgumentException e) {
            return new ToolResult.Failed(e.getMessage());
        }
        catch (RuntimeException e) {
            log.warn("Tool {} failed unexpectedly", tool, e);
            return new ToolResult.Failed("LUX hit an internal error running " + tool
                    + ". Nothing was changed by this step; " + "please try again.");
        }
    }

}
