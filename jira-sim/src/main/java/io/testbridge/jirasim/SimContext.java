package io.testbridge.jirasim;

/** The shared parts every simulated server needs; one per running simulator. */
final class SimContext {

    final SimulatorOptions options;
    final SimClock clock;
    final SimulatorState state;
    final TokenStore tokens;
    final ConsentRequests consents;
    final SimUrls urls = new SimUrls();
    final CallCounters counters = new CallCounters();
    final FaultInjector faults = new FaultInjector();
    /** How long a new Cloud issue stays out of search results (Cloud search is eventually consistent). */
    volatile java.time.Duration searchLag = java.time.Duration.ZERO;

    SimContext(SimulatorOptions options) {
        this.options = options;
        this.clock = options.clock();
        this.state = new SimulatorState(options);
        this.tokens = new TokenStore(clock);
        this.consents = new ConsentRequests(clock);
        faults.useClock(clock);
    }
}
