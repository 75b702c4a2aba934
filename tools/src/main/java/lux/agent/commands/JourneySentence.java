package lux.agent.commands;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A journey as people say it in one sentence, without a language model: "when someone
 * gets the tag trial, send Welcome now and Tips three days later if they didn't click"
 * becomes the trigger {@code tag:trial} and the steps {@code send Welcome; wait 3 days;
 * unless clicked; send Tips}. Anything it cannot read it leaves as written, for the step
 * reader to refuse with the step's number.
 */
record JourneySentence(String name, String trigger, List<String> steps) {

    private static final Pattern TAG = Pattern.compile(
            "(?i)^\\s*when\\s+(?:someone|somebody|a contact|contacts|people)\\s+(?:gets?|is given|are given|receives?)\\s+(?:the\\s+)?tag\\s+\"?([\\w-]+)\"?\\s*,?\\s*(.*)$");

    private static final Pattern CREATED = Pattern.compile(
            "(?i)^\\s*when\\s+(?:someone|somebody|a contact)\\s+(?:is\\s+)?(?:created|imported|added)\\s*,?\\s*(.*)$");

    private static final Pattern SIGNUP = Pattern
        .compile("(?i)^\\s*when\\s+(?:someone|somebody|a contact)\\s+signs?\\s+up\\s*,?\\s*(.*)$");

    private static final Pattern DATE = Pattern
        .compile("(?i)^\\s*(\\w+)\\s+days?\\s+before\\s+(?:their\\s+|the\\s+)?([a-z][\\w]*)\\s*,?\\s*(.*)$");

    private static final Pattern LATER = Pattern.compile(
            "(?i)^(?:send\\s+)?(.+?)\\s+(\\w+)\\s+(minutes?|hours?|days?|weeks?)\\s+later(?:\\s+if\\s+they\\s+(?:did\\s*n[o']t|didnt|did not|have\\s*n[o']t)\\s+(click|open)(?:ed)?(?:\\s+it)?)?$");

    private static final Pattern SEND = Pattern.compile("(?i)^send\\s+(.+?)(?:\\s+(?:now|immediately|right away))?$");

    static JourneySentence parse(String text) {
        String body = text == null ? "" : text.strip();
        String name = null;
        int colon = body.indexOf(':');
        if (colon > 0 && !body.substring(0, colon).toLowerCase(Locale.ROOT).contains("when")
                && !body.substring(0, colon).matches(".*\\d$")) {
            name = body.substring(0, colon).strip();
            body = body.substring(colon + 1).strip();
        }
        String trigger;
        String rest;
        Matcher m;
        if ((m = TAG.matcher(body)).matches()) {
            trigger = "tag:" + m.group(1).toLowerCase(Locale.ROOT);
            rest = m.group(2);
        }
        else if ((m = CREATED.matcher(body)).matches()) {
            trigger = "created";
            rest = m.group(1);
        }
        else if ((m = SIGNUP.matcher(body)).matches()) {
            trigger = "signup";
            rest = m.group(1);
        }
        else if ((m = DATE.matcher(body)).matches()) {
            trigger = "date:" + m.group(2) + "-" + m.group(1);
            rest = m.group(3);
        }
        else {
            return new JourneySentence(name, null, List.of());
        }
        List<String> steps = new ArrayList<>();
        for (String part : rest.split("(?i)\\s*,\\s*(?:and\\s+)?(?:then\\s+)?|\\s+and\\s+(?:then\\s+)?|\\s*;\\s*")) {
            String p = part.strip().replaceAll("[.!]+$", "").replaceFirst("(?i)^then\\s+", "");
            if (p.isEmpty()) {
                continue;
            }
            Matcher later = LATER.matcher(p);
            Matcher send = SEND.matcher(p);
            if (later.matches()) {
                steps.add("wait " + later.group(2) + " " + later.group(3));
                if (later.group(4) != null) {
                    steps.add("unless " + later.group(4).toLowerCase(Locale.ROOT) + "ed");
                }
                steps.add("send " + later.group(1).replaceFirst("(?i)^send\\s+", ""));
            }
            else if (send.matches()) {
                steps.add("send " + send.group(1));
            }
            else {
                steps.add(p);
            }
        }
        if (name == null) {
            name = trigger.startsWith("tag:") ? "Tag " + trigger.substring(4) : "Journey " + trigger;
        }
        return new JourneySentence(name, trigger, steps);
    }

}
