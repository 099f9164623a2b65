import socket

import pytest

from tests.conftest import NetworkBlocked


def test_outbound_connection_is_refused() -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock, pytest.raises(NetworkBlocked):
        sock.connect(("93.184.216.34", 80))


def test_name_resolution_is_refused() -> None:
    with pytest.raises(NetworkBlocked):
        socket.getaddrinfo("example.org", 443)


def test_loopback_stays_open_for_local_test_servers() -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as server:
        server.bind(("127.0.0.1", 0))
        server.listen(1)
        with socket.create_connection(server.getsockname(), timeout=5) as client:
            accepted, _ = server.accept()
            client.sendall(b"ping")
            assert accepted.recv(4) == b"ping"
            accepted.close()
