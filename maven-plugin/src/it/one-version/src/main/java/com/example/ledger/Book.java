package com.example.ledger;

import dev.hotrel.api.Reply;
import dev.hotrel.api.Server;

public final class Book implements Server<Book.State> {
    public static final class State {
        public long total;
    }

    @Override
    public State init(Object arg) {
        return new State();
    }

    @Override
    public Reply<State> call(Object request, State state) {
        state.total += ((Number) request).longValue();
        // picocli is here only to be a third-party jar that the application ships.
        return Reply.of(picocli.CommandLine.Help.Ansi.OFF.string(String.valueOf(state.total)), state);
    }
}
