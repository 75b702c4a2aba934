package lux.journeys;

/** What a branch asks of the journey's previous mail: human opens or clicks only. */
public enum Engagement {

    OPENED("human_open_at"), CLICKED("human_click_at");

    private final String column;

    Engagement(String column) {
        this.column = column;
    }

    /** The campaign_recipient column that holds the first human open or click. */
    String column() {
        return column;
    }

}
