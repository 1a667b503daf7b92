package com.example.ledger;

import dev.hotrel.api.Application;
import dev.hotrel.api.ApplicationContext;
import dev.hotrel.api.ChildSpec;
import dev.hotrel.api.SupervisorSpec;

public final class LedgerApp implements Application {
    @Override
    public SupervisorSpec supervisor(ApplicationContext context) {
        return SupervisorSpec.oneForOne(ChildSpec.server("ledger.book", Book.class));
    }
}
