package lux.endtoend;

import java.io.IOException;
import lux.agent.testsupport.ScriptedOpenAi;

/**
 * The end-to-end tests' name for the one OpenAI double, {@link ScriptedOpenAi} (tools'
 * test-jar): an OpenAI-compatible model on loopback that answers from a script in the
 * real wire format and records what LUX sent it.
 */
final class ScriptedModel extends ScriptedOpenAi {

    ScriptedModel() throws IOException {
        super();
    }

}
