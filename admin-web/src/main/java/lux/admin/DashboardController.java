package lux.admin;

import lux.campaigns.CampaignService;
import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The first page after sign-in: campaigns by status and the latest campaigns. */
@Controller
class DashboardController {
    private final CampaignService campaigns;

    DashboardController(CampaignService campaigns) {
        this.campaigns = campaigns;
    }

    @GetMapping({"/admin", "/admin/"})
    String dashboard(Model model) {
        model.addAttribute("byStatus", campaigns.countByStatus());
        model.addAttribute("recent", campaigns.list(null, PageRequest.of(0, 10)).getContent());
        return "admin/dashboard";
    }
}
