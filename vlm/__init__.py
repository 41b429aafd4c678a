"""Vision-language model providers (bpy-free): OpenAI, Anthropic, OpenAI-compatible servers, replay.

    client = make_client("anthropic")                  # key from ANTHROPIC_API_KEY
    session = Session(client, max_calls=60, max_cost_usd=2.0)
    reply = session.complete(VLMRequest(purpose="blueprint", system=..., prompt=..., images=[png]))
    blueprint = parse.extract_json(reply.text)
"""
from .base import PROVIDERS, Usage, VLMClient, VLMReply, VLMRequest, make_client
from .errors import BudgetExceeded, Cancelled, ProviderError, ReplyError
from .session import CallRecord, Session

__all__ = ["PROVIDERS", "Usage", "VLMClient", "VLMReply", "VLMRequest", "make_client", "Session", "CallRecord",
           "ProviderError", "ReplyError", "BudgetExceeded", "Cancelled"]
