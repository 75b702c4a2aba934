import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Arc2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import javax.imageio.ImageIO;

/**
 * Draws the two LUX Teams icons: an envelope with light rising from it ("lux" is Latin for light).
 * Run once from the repository root and commit the PNGs:
 * {@code java manifests/src/icons/DrawIcons.java manifests/src/main/teams}
 */
public class DrawIcons {
    static final Color INDIGO = new Color(0x3A, 0x3F, 0x9E);
    static final Color AMBER = new Color(0xFF, 0xC8, 0x3D);

    public static void main(String[] args) throws IOException {
        File dir = new File(args.length > 0 ? args[0] : ".");
        ImageIO.write(colour(), "png", new File(dir, "color.png"));
        ImageIO.write(outline(), "png", new File(dir, "outline.png"));
    }

    /** 192x192, full-bleed accent background (Teams rounds the corners itself), symbol inside the 120 px safe area. */
    static BufferedImage colour() {
        BufferedImage image = new BufferedImage(192, 192, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = smooth(image);
        g.setColor(INDIGO);
        g.fillRect(0, 0, 192, 192);
        // The sun rising behind the envelope, with its rays.
        g.setColor(AMBER);
        g.fill(new Arc2D.Double(66, 56, 60, 60, 0, 180, Arc2D.CHORD));
        g.setStroke(new BasicStroke(7, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        for (double angle : new double[] {30, 60, 90, 120, 150}) {
            double rad = Math.toRadians(angle);
            g.draw(new Line2D.Double(96 + 38 * Math.cos(rad), 86 - 38 * Math.sin(rad),
                    96 + 52 * Math.cos(rad), 86 - 52 * Math.sin(rad)));
        }
        // The envelope.
        g.setColor(Color.WHITE);
        g.fill(new RoundRectangle2D.Double(40, 86, 112, 72, 12, 12));
        g.setColor(INDIGO);
        g.setStroke(new BasicStroke(6, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        Path2D flap = new Path2D.Double();
        flap.moveTo(48, 94);
        flap.lineTo(96, 128);
        flap.lineTo(144, 94);
        g.draw(flap);
        g.dispose();
        return image;
    }

    /** 32x32, white strokes on a transparent background, as Teams requires for the outline icon. */
    static BufferedImage outline() {
        BufferedImage image = new BufferedImage(32, 32, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = smooth(image);
        g.setColor(Color.WHITE);
        g.setStroke(new BasicStroke(2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.draw(new RoundRectangle2D.Double(4, 14, 24, 15, 3, 3));
        Path2D flap = new Path2D.Double();
        flap.moveTo(5.5, 15.5);
        flap.lineTo(16, 23);
        flap.lineTo(26.5, 15.5);
        g.draw(flap);
        g.draw(new Line2D.Double(16, 3, 16, 8));
        g.draw(new Line2D.Double(8, 6, 10.5, 9.5));
        g.draw(new Line2D.Double(24, 6, 21.5, 9.5));
        g.dispose();
        // Anti-aliasing may leave off-white edges: keep only the coverage, in pure white.
        for (int y = 0; y < 32; y++) {
            for (int x = 0; x < 32; x++) {
                int alpha = image.getRGB(x, y) >>> 24;
                image.setRGB(x, y, alpha == 0 ? 0 : (alpha << 24) | 0xFFFFFF);
            }
        }
        return image;
    }

    static Graphics2D smooth(BufferedImage image) {
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        return g;
    }
}
