package com.example.ledger;

import dev.hotrel.api.Server;

/** The same in both versions: the drafted appup leaves it alone. */
public final class Audit implements Server<Audit.State> {
    public static final class State {
        public long seen;
    }

    @Override
    public State init(Object arg) {
        return new State();
    }
}
