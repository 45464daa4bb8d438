package ru.coalition.testing;

import io.quarkus.test.common.QuarkusTestResource;

/** Declares the shared services for every @QuarkusTest in the run (not restricted to this class). */
@QuarkusTestResource(DevStackTestResource.class)
public final class TestServices {
    private TestServices() {
    }
}
