package dev.hotrel.practice;

import dev.hotrel.api.OldState;
import dev.hotrel.api.Reply;
import dev.hotrel.api.Server;

import java.util.List;

/**
 * The practice application's one server. It never uses {@link dev.hotrel.api.Hotrel}: the practice
 * node is not the node that facade is bound to.
 */
public final class PracticeServer implements Server<PracticeState> {

    @Override
    public PracticeState init(Object arg) {
        return new PracticeState(0, List.of("started"));
    }

    @Override
    public Reply<PracticeState> call(Object request, PracticeState state) {
        PracticeState next = new PracticeState(state.count() + 1, state.notes());
        return Reply.of(next.count(), next);
    }

    @Override
    public PracticeState codeChange(String fromVersion, OldState oldState, Object extra) {
        PracticeState old = oldState.as(PracticeState.class);
        return new PracticeState(old.count(), List.of("from " + fromVersion));
    }
}
