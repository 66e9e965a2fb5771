# Twilio's client has a `messages.create` too; without an anthropic import it is not an LLM call.
from twilio.rest import Client

client = Client(account_sid, auth_token)
message = client.messages.create(to="+15558675310", from_="+15017250604", body="Hello")  # look-alike: Twilio
slack.chat_postMessage(channel="#general", text="hi")  # look-alike: Slack
intent = stripe.PaymentIntent.create(amount=2000, currency="usd")  # look-alike: Stripe X.Y.create
result = chain.invoke({"question": "x"})  # look-alike: LangChain chain.invoke
client.completions.create(x=1)  # expect: openai-completions
