# Anthropic message threads (the thread sends nothing when made; each turn is a request) and Managed Agents
# sessions (an event sent into a session makes the agent run the model).
import socket
import threading

from anthropic import Anthropic, AsyncAnthropic

client = Anthropic()
aclient = AsyncAnthropic()


def threads():
    thread = client.beta.messages.thread(model="m", max_tokens=1024, system="s")
    first = thread.send({"role": "user", "content": "Hi"})  # expect: anthropic-message-threads
    with thread.stream({"role": "user", "content": "More"}) as stream:  # expect: anthropic-message-threads
        pass
    final = thread.tool_runner().until_done()  # expect: anthropic-message-threads
    parsed = thread.parse({"role": "user", "content": "x"}, output_format=Answer)  # expect: anthropic-message-threads
    with tracker.track_llm_call(provider="anthropic"):
        thread.send({"role": "user", "content": "tracked"})


async def agents(session):
    client.beta.sessions.events.send(session.id, events=[{"type": "user.message"}])  # expect: anthropic-managed-agents
    await aclient.beta.sessions.events.send(session.id, events=[])  # expect: anthropic-managed-agents
    with client.beta.sessions.events.stream(session.id) as stream:
        pass
    client.beta.sessions.create(agent="a", environment_id="e")
    client.beta.agents.create(name="a", model="m")
    with tracker.track_llm_call(provider="anthropic"):
        client.beta.sessions.events.send(session.id, events=[])


def look_alikes(sock, q, queue):
    worker = threading.Thread(target=print)
    worker.start()
    conn = socket.create_connection(("h", 1))
    conn.send(b"x")  # look-alike: a socket, not a message thread
    sock.send(b"x")  # look-alike: a socket parameter
    job = queue.fork()
    job.send("x")  # look-alike: a fork that is not a message thread's
    q.stream()  # look-alike: not a thread
    q.events.send("x")  # look-alike: not a Managed Agents session
