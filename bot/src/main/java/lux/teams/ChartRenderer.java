package lux.teams;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.imageio.ImageIO;
import lux.agent.insights.CampaignStats;
import org.springframework.stereotype.Component;

/**
 * Draws a campaign's funnel (sent, opened, clicked, unsubscribed, failed) as a PNG bar
 * chart with Java2D.
 */
@Component
class ChartRenderer {

    static final int WIDTH = 640;
    static final int HEIGHT = 320;

    private static final Color[] COLOURS = { new Color(0x4F6BED), new Color(0x2E9E6B), new Color(0xE3A21A),
            new Color(0x8764B8), new Color(0xD13438) };

    byte[] funnel(CampaignStats s) {
        Map<String, Long> bars = new LinkedHashMap<>();
        bars.put("Sent", s.sent());
        bars.put("Opened", s.humanOpens());
        bars.put("Clicked", s.clicks());
        bars.put("Unsubscribed", s.unsubscribes());
        bars.put("Failed", s.failed());
        return bars("\"" + s.campaign().name() + "\"", bars);
    }

    byte[] bars(String title, Map<String, Long> bars) {
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, WIDTH, HEIGHT);
            g.setColor(new Color(0x242424));
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
            g.drawString(title.length() > 60 ? title.substring(0, 59) + "…" : title, 20, 28);
            long max = Math.max(1, bars.values().stream().mapToLong(Long::longValue).max().orElse(1));
            int left = 20;
            int bottom = HEIGHT - 40;
            int top = 60;
            int slot = (WIDTH - 2 * left) / Math.max(1, bars.size());
            int i = 0;
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
            for (Map.Entry<String, Long> bar : bars.entrySet()) {
                int h = (int) Math.round((double) bar.getValue() / max * (bottom - top));
                int x = left + i * slot + slot / 6;
                int w = slot * 2 / 3;
                g.setColor(COLOURS[i % COLOURS.length]);
                g.fillRect(x, bottom - h, w, h);
                g.setColor(new Color(0x242424));
                String value = String.valueOf(bar.getValue());
                g.drawString(value, x + (w - g.getFontMetrics().stringWidth(value)) / 2, bottom - h - 6);
                g.drawString(bar.getKey(), x + (w - g.getFontMetrics().stringWidth(bar.getKey())) / 2, bottom + 20);
                i++;
            }
            g.setStroke(new BasicStroke(1f));
            g.setColor(new Color(0xC8C8C8));
            g.drawLine(left, bottom, WIDTH - left, bottom);
        }
        finally {
            g.dispose();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

}
