-- What a person confirmed is what goes out. A scheduled (or approved) campaign keeps its own copy of the template as it
-- was confirmed (send_subject/html/text): editing the template afterwards changes it for later campaigns, never for
-- this one. send_hash is the SHA-256 of that content, the audience definition, the sender and the time; delivery
-- checks it before the first recipient. approval_hash is the same for a send approval request.
ALTER TABLE campaign ADD COLUMN send_subject VARCHAR(500);
ALTER TABLE campaign ADD COLUMN send_html TEXT;
ALTER TABLE campaign ADD COLUMN send_text TEXT;
ALTER TABLE campaign ADD COLUMN send_hash VARCHAR(64);
ALTER TABLE campaign ADD COLUMN approval_hash VARCHAR(64);

-- Campaigns scheduled before this version keep the template as it is now (they have no hash; delivery accepts that).
UPDATE campaign SET send_subject = (SELECT t.subject FROM email_template t WHERE t.id = campaign.template_id),
                    send_html = (SELECT t.html_body FROM email_template t WHERE t.id = campaign.template_id),
                    send_text = (SELECT t.text_body FROM email_template t WHERE t.id = campaign.template_id)
WHERE status IN ('SCHEDULED', 'SENDING', 'PAUSED');
