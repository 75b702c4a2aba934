/**
 * Test doubles the agent shares with the app's end-to-end tests (tools' test-jar): the
 * scripted OpenAI-compatible model, and the fixture that holds a marketer's chat with the
 * agent against it.
 */
package lux.agent.testsupport;
