package io.odoopulse.canonical;

/** Only done moves changed stock; pending ones are planned or waiting. */
public enum MoveStatus {
    PENDING, DONE, CANCELLED
}
