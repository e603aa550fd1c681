// One test class at a time: DeployEndToEndTests' fixture ends with `Down` when it found the embedded stack stopped
// (as in a clean CI run), which stops the Docker engine every other class of this project uses. Run beside them, it
// took the engine away mid-test (RecoveredMonitoringTests: "Cannot assign requested address" on docker.sock).
[assembly: CollectionBehavior(DisableTestParallelization = true)]
