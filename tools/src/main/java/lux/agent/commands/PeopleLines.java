package lux.agent.commands;

import java.util.Locale;
import lux.agent.TeamsMessages;
import lux.agent.tools.JourneyTools;
import lux.agent.tools.SegmentResults;
import lux.agent.tools.ToolResult;

/**
 * What command mode says to one person, in their language: its own texts from the bundle,
 * and the lines for people of the commonest tool results (the rest read as the result
 * words them). Names and error details stay as they are.
 */
record PeopleLines(TeamsMessages messages, Locale locale) {
    String text(String key, Object... args) {
        return messages.text(locale, key, args);
    }

    String people(ToolResult result) {
        if (result instanceof ToolResult.Failed failed) {
            return text("command.failed", failed.error());
        }
        else if (result instanceof ToolResult.ContactsFound found && found.total() == 0) {
            return text("command.noContacts");
        }
        else if (result instanceof ToolResult.TemplatesListed listed && listed.templates().isEmpty()) {
            return text("command.noTemplates");
        }
        else if (result instanceof ToolResult.CampaignsListed listed && listed.campaigns().isEmpty()) {
            return text("command.noCampaigns");
        }
        else if (result instanceof ToolResult.TemplateRendered rendered && rendered.saved()) {
            return text("command.templateSaved", rendered.template());
        }
        else if (result instanceof ToolResult.ConfirmationShown shown) {
            return text("command.confirm." + shown.kind().name().toLowerCase(Locale.ROOT)); // the
                                                                                            // card
                                                                                            // lists
                                                                                            // the
                                                                                            // warnings
        }
        else if (result instanceof ToolResult.ContactsAdded added) {
            return added(added);
        }
        else if (result instanceof SegmentResults.SegmentsListed listed) {
            return segments(listed);
        }
        else if (result instanceof SegmentResults.ResendDrafted drafted) {
            return text("command.resend.drafted", drafted.campaign(), drafted.original(), drafted.contactsToday())
                    + (drafted.subject() == null ? "" : " " + text("command.resend.subject", drafted.subject())) + " "
                    + text("command.pickATime");
        }
        else if (result instanceof JourneyTools.JourneysListed listed && !listed.journeys().isEmpty()) {
            return journeys(listed);
        }
        else if (result instanceof ToolResult.Extension extension) {
            return extension.line().in(messages, locale);
        }
        return result.forPeople();
    }

    private String journeys(JourneyTools.JourneysListed listed) {
        StringBuilder lines = new StringBuilder(text("journey.list.title"));
        listed.journeys()
            .forEach(j -> lines.append("\n- ")
                .append(text("journey.list.line", j.name(), j.status(), j.trigger(), j.steps(), j.inFlight(),
                        j.finished())));
        return lines.toString();
    }

    private String segments(SegmentResults.SegmentsListed listed) {
        if (listed.segments().isEmpty()) {
            return text("command.segments.none");
        }
        StringBuilder lines = new StringBuilder(text("command.segments.title"));
        listed.segments()
            .forEach(s -> lines.append("\n- ")
                .append(text("command.segments.line", s.name(), s.description(), s.contacts())));
        return lines.toString();
    }

    private String added(ToolResult.ContactsAdded added) {
        StringBuilder line = new StringBuilder(text(added.tags().isEmpty() ? "command.added" : "command.addedTagged",
                added.created().size(), String.join(", ", added.tags()), String.join(", ", added.created())));
        if (!added.alreadyKnown().isEmpty()) {
            line.append(' ')
                .append(text(added.tags().isEmpty() ? "command.alreadyKnown" : "command.alreadyKnownTagged",
                        String.join(", ", added.alreadyKnown())));
        }
        if (!added.refused().isEmpty()) {
            line.append(' ').append(text("command.notAdded", String.join("; ", added.refused())));
        }
        return line.toString();
    }
}
