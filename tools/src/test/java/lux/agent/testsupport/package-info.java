/**
 * Test doubles the agent shares with the app's end-to-end tests (tools' test-jar): the
 * scripted OpenAI-compatible model.
 */
package lux.agent.testsupport;
