package com.example.ledger;

import dev.hotrel.api.Reply;
import dev.hotrel.api.Server;

/** 1.1.0 counts the entries too: its state changed, so the drafted appup updates this server. */
public final class Book implements Server<Book.State> {
    public static final class State {
        public long startedAt;
        public long total;
        public long entries;
    }

    @Override
    public State init(Object arg) {
        State state = new State();
        state.startedAt = System.currentTimeMillis();
        return state;
    }

    @Override
    public Reply<State> call(Object request, State state) {
        state.total += ((Number) request).longValue();
        state.entries++;
        return Reply.of(state.total, state);
    }
}
