"""FastAPI's twin of the app in tests/integration/openapi.rs `mod fastapi_style`: its document
equals tests/openapi/fastapi_style.json, which fastrs serves in `OpenApiStyle::FastApi`.

    python fastapi_style.py    # prints FastAPI's document
"""

import json
from collections.abc import AsyncIterable
from enum import Enum
from typing import Annotated, Literal, Optional

from fastapi import (
    Body,
    Cookie,
    Depends,
    FastAPI,
    Form,
    Header,
    Path,
    Query,
    Security,
    UploadFile,
)
from fastapi.sse import EventSourceResponse, ServerSentEvent
from fastapi.security import (
    APIKeyHeader,
    HTTPBasic,
    HTTPBasicCredentials,
    HTTPBearer,
    OAuth2PasswordBearer,
    OAuth2PasswordRequestForm,
)
from pydantic import BaseModel, ConfigDict, Field

app = FastAPI(title="FastAPI style", version="1.0.0")


class Color(str, Enum):
    red = "red"
    green = "green"


class User(BaseModel):
    username: str
    full_name: Optional[str] = None


class Item(BaseModel):
    name: str = Field(min_length=1, max_length=50)
    price: float = Field(ge=0.01)
    count: Optional[int] = None
    tags: list[str] = []
    owner: Optional[User] = None


class Message(BaseModel):
    detail: str


class Filter(BaseModel):
    model_config = ConfigDict(extra="forbid")
    limit: int = Field(100, ge=1, le=100)
    tags: list[str] = []
    order: Optional[str] = None


class Agent(BaseModel):
    user_agent: str
    x_trace: Optional[str] = None


def pagination(skip: int = 0, limit: int = Query(20, le=100)):
    return skip, limit


oauth2 = OAuth2PasswordBearer(tokenUrl="token", scopes={"items:read": "Read items"})
basic = HTTPBasic()
bearer = HTTPBearer()
api_key = APIKeyHeader(name="x-api-key")


@app.get("/items/{item_id}", tags=["items"])
def read_item(
    item_id: Annotated[int, Path(title="The item", description="Which item", ge=1)],
    color: Color,
    q: Annotated[
        Optional[str], Query(alias="item-query", min_length=3, max_length=50, pattern="^[a-z]+$")
    ] = None,
    limit: Annotated[int, Query(gt=0, lt=101)] = 10,
    ratio: Annotated[float, Query(ge=0.5, le=2.5)] = 1.5,
    tag: Annotated[list[int], Query()] = [],
    maybe_color: Optional[Color] = None,
    order_by: Literal["created_at", "updated_at"] = "created_at",
    old: Annotated[Optional[bool], Query(deprecated=True, description="Old")] = None,
    hidden: Annotated[Optional[str], Query(include_in_schema=False)] = None,
    user_agent: Annotated[Optional[str], Header()] = None,
    x_token: Annotated[list[str], Header()] = [],
    session: Annotated[Optional[str], Cookie()] = None,
) -> Item:
    raise NotImplementedError


@app.get("/models")
def models(
    filter: Annotated[Filter, Query()], agent: Annotated[Agent, Header()]
) -> list[Item]:
    raise NotImplementedError


@app.get("/list")
def list_items(q: Optional[str] = None, page: tuple = Depends(pagination)) -> list[Item]:
    raise NotImplementedError


@app.get("/mixed/{item_id}")
def mixed(
    page: tuple = Depends(pagination),
    x_key: Annotated[Optional[str], Header()] = None,
    visit: Annotated[Optional[str], Cookie()] = None,
    *,
    item_id: int,
    q: Optional[str] = None,
) -> list[Item]:
    """Declared out of FastAPI's order: a dependency, a header, the path, the query."""
    raise NotImplementedError


@app.post(
    "/items",
    status_code=201,
    responses={
        409: {
            "model": Message,
            "description": "Already there",
            "content": {"application/json": {"example": {"detail": "Item exists"}}},
        },
        400: {"description": "Bad"},
    },
)
def create(item: Item) -> Item:
    raise NotImplementedError


@app.put("/embedded/{id}", operation_id="replace", summary="Replace", description="Both bodies")
def embedded(
    id: int,
    item: Item,
    *,
    user: Optional[User] = None,
    importance: Annotated[int, Body(gt=0, description="How much")],
) -> Item:
    raise NotImplementedError


@app.delete("/items/{item_id}", status_code=204, deprecated=True, responses={404: {"model": Message}})
def remove(item_id: int) -> None:
    raise NotImplementedError


@app.post("/login")
def login(
    username: Annotated[str, Form()],
    password: Annotated[str, Form(min_length=8)],
    remember: Annotated[Optional[bool], Form()] = None,
) -> Message:
    raise NotImplementedError


@app.post("/token")
def token(form: Annotated[OAuth2PasswordRequestForm, Depends()]) -> Message:
    raise NotImplementedError


@app.get("/me")
def me(token: Annotated[str, Security(oauth2, scopes=["items:read"])]) -> User:
    raise NotImplementedError


@app.get("/basic")
def basic_user(credentials: Annotated[HTTPBasicCredentials, Depends(basic)]) -> User:
    raise NotImplementedError


@app.get("/bearer")
def bearer_user(credentials=Depends(bearer)) -> User:
    raise NotImplementedError


@app.get("/key")
def key_user(key: Annotated[str, Depends(api_key)]) -> User:
    raise NotImplementedError


@app.get("/only-hidden")
def only_hidden(secret: Annotated[Optional[str], Query(include_in_schema=False)] = None) -> User:
    raise NotImplementedError


@app.get("/hidden", include_in_schema=False)
def hidden_route() -> User:
    raise NotImplementedError


@app.post("/upload")
def upload(
    file: UploadFile,
    files: list[UploadFile],
    cover: Optional[UploadFile] = None,
    note: Annotated[Optional[str], Form()] = None,
) -> Message:
    raise NotImplementedError


@app.get("/users/stream")
async def users_stream() -> AsyncIterable[User]:
    yield User(username="u")


@app.get("/users/events", response_class=EventSourceResponse)
async def users_events() -> AsyncIterable[User]:
    yield User(username="u")


@app.get("/events", response_class=EventSourceResponse)
async def events() -> AsyncIterable[ServerSentEvent]:
    yield ServerSentEvent(data=1)


if __name__ == "__main__":
    print(json.dumps(app.openapi(), indent=2))
