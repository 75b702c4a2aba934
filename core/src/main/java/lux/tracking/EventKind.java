package lux.tracking;

public enum EventKind {

    OPEN, CLICK, UNSUBSCRIBE

}
