package lux.admin;

import lux.shared.LuxException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Runs a console action and leaves its outcome (or the user-facing error) for the page
 * redirected to.
 */
final class Flash {

    private Flash() {
    }

    static String run(RedirectAttributes flash, String redirect, Action action) {
        try {
            String notice = action.run();
            if (notice != null) {
                flash.addFlashAttribute("notice", notice);
            }
        }
        catch (LuxException e) {
            flash.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:" + redirect;
    }

    @FunctionalInterface
    interface Action {

        String run();

    }

}
