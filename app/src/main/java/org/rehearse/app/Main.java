package org.rehearse.app;

/** Entry point of the workstation and the command line. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.out.println("Rehearse");
    }
}
