package dev.connector.sonarcloud.archfixture.b;

import dev.connector.sonarcloud.archfixture.a.A;

/** Half of a deliberate package cycle for {@code ArchitectureTest}. */
public class B {
    public A a() {
        return new A();
    }
}
