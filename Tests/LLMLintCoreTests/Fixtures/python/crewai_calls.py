from crewai import LLM, Agent, Crew

llm = LLM(model="gpt-4o", temperature=0.2)


async def calls(messages, tool):
    llm.call(messages)  # expect: crewai-llm
    await llm.acall(messages)  # expect: crewai-llm
    LLM(model="m").call(messages)  # expect: crewai-llm
    tool.call(messages)  # look-alike: a tool's call method
    callback.call()  # look-alike: unbound receiver
