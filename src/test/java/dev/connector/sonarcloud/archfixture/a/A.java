package dev.connector.sonarcloud.archfixture.a;

import dev.connector.sonarcloud.archfixture.b.B;

/** Half of a deliberate package cycle for {@code ArchitectureTest}. */
public class A {
    public B b() {
        return new B();
    }
}
