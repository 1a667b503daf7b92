%% counter_server, version 1.1.0: the state is a record
%% {state, Count, UpgradedAtMillis}.
-module(counter_server).
-behaviour(gen_server).
-vsn("1.1.0").

-export([start_link/0, start_link_anon/0, incr/0, get/0]).
-export([init/1, handle_call/3, handle_cast/2, handle_info/2, code_change/3]).

-record(state, {count = 0 :: non_neg_integer(),
                upgraded_at :: undefined | integer()}).

start_link() ->
    gen_server:start_link({local, ?MODULE}, ?MODULE, 0, []).

start_link_anon() ->
    gen_server:start_link(?MODULE, 0, []).

incr() -> gen_server:call(?MODULE, incr).
get() -> gen_server:call(?MODULE, get).

init(Count) ->
    {ok, #state{count = Count}}.

handle_call(incr, _From, S = #state{count = C}) ->
    {reply, C + 1, S#state{count = C + 1}};
handle_call(get, _From, S = #state{count = C}) ->
    {reply, C, S}.

handle_cast(_Msg, S) ->
    {noreply, S}.

handle_info(_Msg, S) ->
    {noreply, S}.

%% Up: called in this (new) module after it is loaded, with the old
%% module's vsn. Down: called in this module *before* 1.0.0 is loaded
%% back (systools reverses the instructions for the down section), with
%% {down, OldVsn}.
code_change("1.0.0", Count, _Extra) when is_integer(Count) ->
    {ok, #state{count = Count, upgraded_at = erlang:system_time(millisecond)}};
code_change({down, "1.0.0"}, #state{count = Count}, _Extra) ->
    {ok, Count}.
