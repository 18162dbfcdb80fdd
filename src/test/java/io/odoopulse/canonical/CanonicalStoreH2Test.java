package io.odoopulse.canonical;

import io.odoopulse.support.TestDatabase;

class CanonicalStoreH2Test extends CanonicalStoreContract {
    @Override
    TestDatabase.Handle database() {
        return TestDatabase.h2();
    }
}
