//go:build unix

package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"net"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/health"
	healthpb "google.golang.org/grpc/health/grpc_health_v1"
)

// asHost makes the test binary run the host itself (serve), so these tests start the real host
// as a separate process without a build step. LANGHOST_TEST_BINARY runs another build instead
// (an older host, to see these tests fail against it).
const asHost = "LANGHOST_TEST_RUN_AS_HOST"

func TestMain(m *testing.M) {
	if os.Getenv(asHost) == "1" {
		os.Exit(serve(os.Args[1:]))
	}
	os.Exit(m.Run())
}

// hostCommand is the command line that starts a host with args.
func hostCommand(args ...string) []string {
	if bin := os.Getenv("LANGHOST_TEST_BINARY"); bin != "" {
		return append([]string{bin}, args...)
	}
	return append([]string{os.Args[0]}, args...)
}

// fakeEngine is a gRPC server with the health service, standing in for the engine's host server.
func fakeEngine(t *testing.T) (addr string, srv *grpc.Server) {
	t.Helper()
	lis, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv = grpc.NewServer()
	healthpb.RegisterHealthServer(srv, health.NewServer())
	go func() { _ = srv.Serve(lis) }()
	t.Cleanup(srv.Stop)
	return lis.Addr().String(), srv
}

// startHost starts a host as the engine does and waits for it to print its port.
func startHost(t *testing.T, args ...string) (*exec.Cmd, *bytes.Buffer, <-chan error) {
	t.Helper()
	argv := hostCommand(args...)
	cmd := exec.Command(argv[0], argv[1:]...)
	cmd.Env = append(os.Environ(), asHost+"=1")
	stderr := &bytes.Buffer{}
	cmd.Stderr = stderr
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cmd.Process.Kill() })
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if _, convErr := strconv.Atoi(strings.TrimSpace(line)); err != nil || convErr != nil {
		t.Fatalf("the host printed %q (%v) instead of its port; stderr: %s", line, err, stderr)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	return cmd, stderr, exited
}

func TestHostExitsWhenTheEngineStopsAnswering(t *testing.T) {
	addr, srv := fakeEngine(t)
	_, stderr, exited := startHost(t, addr)

	// A healthy engine keeps the host running past several checks.
	select {
	case err := <-exited:
		t.Fatalf("the host exited (%v) while the engine was healthy; stderr: %s", err, stderr)
	case <-time.After(time.Duration(engineMisses+1) * engineCheckInterval):
	}

	srv.Stop()
	start := time.Now()
	limit := time.Duration(engineMisses+3) * engineCheckInterval
	select {
	case err := <-exited:
		var exit *exec.ExitError
		if !errors.As(err, &exit) || exit.ExitCode() != 1 {
			t.Errorf("the host exited with %v, want exit code 1", err)
		}
		if !strings.Contains(stderr.String(), "the engine at "+addr+" stopped answering") {
			t.Errorf("the host should say why it exits; stderr: %s", stderr)
		}
		t.Logf("the host exited %v after the engine stopped", time.Since(start))
	case <-time.After(limit):
		t.Fatalf("the host was still running %v after the engine stopped", limit)
	}
}

func TestHostExitsWhenTheProcessThatStartedItDies(t *testing.T) {
	addr, _ := fakeEngine(t)
	// A shell stands in for the CLI: it starts the host, prints its pid, and is then SIGKILLed
	// while the engine's server still answers, as when the CLI dies with its port still open.
	argv := hostCommand(addr)
	quoted := make([]string, len(argv))
	for i, a := range argv {
		quoted[i] = "'" + a + "'"
	}
	parent := exec.Command("sh", "-c", strings.Join(quoted, " ")+" >/dev/null 2>&1 & echo $!; wait")
	parent.Env = append(os.Environ(), asHost+"=1")
	out, err := parent.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := parent.Start(); err != nil {
		t.Fatal(err)
	}
	line, err := bufio.NewReader(out).ReadString('\n')
	if err != nil {
		t.Fatal(err)
	}
	pid, err := strconv.Atoi(strings.TrimSpace(line))
	if err != nil {
		t.Fatalf("no pid from the stand-in CLI: %q", line)
	}
	t.Cleanup(func() { _ = syscall.Kill(pid, syscall.SIGKILL) })
	time.Sleep(2 * engineCheckInterval) // past the host's start
	if err := syscall.Kill(pid, 0); err != nil {
		t.Fatalf("the host is not running before its parent dies: %v", err)
	}

	_ = parent.Process.Kill()
	_ = parent.Wait()
	start := time.Now()
	limit := 3 * engineCheckInterval
	waitFor(t, limit, func() bool { return gone(pid) })
	t.Logf("the host exited %v after its parent died", time.Since(start))
}

func TestHostStopsOnSIGINT(t *testing.T) {
	addr, _ := fakeEngine(t)
	cmd, stderr, exited := startHost(t, addr)
	_ = cmd.Process.Signal(os.Interrupt)
	select {
	case err := <-exited:
		if err != nil {
			t.Errorf("the host exited with %v after SIGINT, want 0; stderr: %s", err, stderr)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("the host did not stop on SIGINT")
	}
}

func TestHostRejectsUnknownFlags(t *testing.T) {
	argv := hostCommand("--frobnicate", "127.0.0.1:1")
	// A host that ignored the flag would serve for ever.
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, argv[0], argv[1:]...)
	cmd.Env = append(os.Environ(), asHost+"=1")
	out, err := cmd.CombinedOutput()
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() != 2 {
		t.Errorf("exit %v, want 2", err)
	}
	if !strings.Contains(string(out), "pulumi-language-nodejs: flag provided but not defined: -frobnicate (accepted:") {
		t.Errorf("output %q does not name the flag and the accepted ones", out)
	}
}
