package lux.teams;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.bot.schema.Activity;
import com.microsoft.bot.schema.TextFormatTypes;
import org.junit.jupiter.api.Test;

/**
 * A reply naming a contact called [click](https://evil.example) shows that name, never a
 * link in LUX's voice.
 */
class RepliesTest {

    @Test
    void markdownLinksAndHtmlFromDataAreShownAsText() {
        Activity reply = Replies.text("Added [click](https://evil.example) and <a href=\"https://evil.example\">x</a>,"
                + " **kept bold**; type preview <template name>. C:\\data");
        assertThat(reply.getTextFormat()).isEqualTo(TextFormatTypes.MARKDOWN);
        assertThat(reply.getText())
            .isEqualTo("Added \\[click\\](https://evil.example) and \\<a href=\"https://evil.example\"\\>x\\</a\\>,"
                    + " **kept bold**; type preview \\<template name\\>. C:\\\\data");
    }

}
