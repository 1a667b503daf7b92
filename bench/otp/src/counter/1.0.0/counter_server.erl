%% counter_server, version 1.0.0: the state is a plain integer.
-module(counter_server).
-behaviour(gen_server).
%% The vsn attribute matters: release_handler passes the *old* module's
%% vsn to code_change/3 ("1.0.0" up, {down, "1.0.0"} down). Without it
%% the vsn would be the module's MD5 and the clauses in 1.1.0 would not match.
-vsn("1.0.0").

-export([start_link/0, start_link_anon/0, incr/0, get/0]).
-export([init/1, handle_call/3, handle_cast/2, handle_info/2, code_change/3]).

%% The application's instance, registered locally.
start_link() ->
    gen_server:start_link({local, ?MODULE}, ?MODULE, 0, []).

%% Not registered: used by the benchmark to spawn many servers of this kind.
start_link_anon() ->
    gen_server:start_link(?MODULE, 0, []).

incr() -> gen_server:call(?MODULE, incr).
get() -> gen_server:call(?MODULE, get).

init(Count) ->
    {ok, Count}.

handle_call(incr, _From, Count) ->
    {reply, Count + 1, Count + 1};
handle_call(get, _From, Count) ->
    {reply, Count, Count}.

handle_cast(_Msg, Count) ->
    {noreply, Count}.

handle_info(_Msg, Count) ->
    {noreply, Count}.

%% 1.0.0 is the oldest version: nothing to convert from. (A downgrade
%% from 1.1.0 runs 1.1.0's code_change/3, before 1.0.0 is loaded back.)
code_change(_OldVsn, Count, _Extra) ->
    {ok, Count}.
