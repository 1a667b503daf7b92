package com.example.ledger;

import dev.hotrel.api.Reply;
import dev.hotrel.api.Server;

public final class Book implements Server<Book.State> {
    public static final class State {
        public long startedAt;
        public long total;
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
        return Reply.of(state.total, state);
    }
}
