//go:build linux

package main

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

func TestIsPluginOf(t *testing.T) {
	const addr = "127.0.0.1:4000"
	cases := []struct {
		argv []string
		want bool
	}{
		// What the engine starts for dynamic resources, and the node it runs (not a group leader).
		{[]string{"/bin/sh", "/cache/bin/pulumi-resource-pulumi-nodejs", addr}, true},
		{[]string{"/cache/bin/pulumi-resource-aws", addr}, true},
		{[]string{"/bin/sh", "/cache/bin/pulumi-resource-pulumi-nodejs", "127.0.0.1:4001"}, false},
		{[]string{"node", "/nm/@pulumi/pulumi/cmd/run", "--engine", addr}, false},
		{[]string{"/cache/bin/pulumi-language-nodejs", addr}, false},
		{[]string{addr}, false},
	}
	for _, c := range cases {
		if got := isPluginOf(c.argv, addr); got != c.want {
			t.Errorf("isPluginOf(%q) = %v, want %v", c.argv, got, c.want)
		}
	}
}

// startPlugin starts a stand-in provider plugin as the engine does: a script named
// pulumi-resource-*, in a process group of its own, with an engine address as its argument.
func startPlugin(t *testing.T, dir, engineAddress string) *exec.Cmd {
	t.Helper()
	script := filepath.Join(dir, "pulumi-resource-standin")
	if err := os.WriteFile(script, []byte("#!/bin/sh\nwhile :; do sleep 0.1; done\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("/bin/sh", script, engineAddress)
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
		_ = cmd.Wait()
	})
	return cmd
}

func TestHostStopsTheProviderPluginsOfAGoneEngine(t *testing.T) {
	addr, srv := fakeEngine(t)
	dir := t.TempDir()
	plugin := startPlugin(t, dir, addr)
	other := startPlugin(t, dir, "127.0.0.1:1") // another engine's plugin: must be left alone

	// The host's output goes to a pipe that nobody reads any more, as when the CLI that read it
	// was SIGKILLed: the host's messages then fail with EPIPE, which must not kill it.
	argv := hostCommand(addr)
	host := exec.Command(argv[0], argv[1:]...)
	host.Env = append(os.Environ(), asHost+"=1")
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	host.Stdout, host.Stderr = w, w
	if err := host.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = host.Process.Kill() })
	_ = w.Close()
	if _, err := r.Read(make([]byte, 64)); err != nil { // its port: it is serving
		t.Fatal(err)
	}
	_ = r.Close()
	exited := make(chan error, 1)
	go func() { exited <- host.Wait() }()

	srv.Stop()
	limit := time.Duration(engineMisses+3)*engineCheckInterval + stopGrace
	select {
	case err := <-exited:
		var exit *exec.ExitError
		if !errors.As(err, &exit) || exit.ExitCode() != 1 {
			t.Errorf("the host ended with %v, want exit code 1", err)
		}
	case <-time.After(limit):
		t.Fatalf("the host was still running %v after the engine stopped", limit)
	}
	if !gone(plugin.Process.Pid) {
		t.Errorf("the gone engine's plugin (pid %d) is still running", plugin.Process.Pid)
	}
	if gone(other.Process.Pid) {
		t.Errorf("another engine's plugin (pid %d) was stopped too", other.Process.Pid)
	}
}
