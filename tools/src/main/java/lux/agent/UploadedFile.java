package lux.agent;

import java.time.Instant;

/** A file the user attached in Teams: its name and where the bot can download it. */
public record UploadedFile(String fileName, String downloadUrl, Instant uploadedAt) {
}
