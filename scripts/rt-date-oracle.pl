#!/usr/bin/perl
# Oracle for tests/oracle_dates.rs: has RT's own RT::Date, from an installed
# request-tracker package, print generated dates as REST 1.0 prints a
# ticket's dates (AsString: the user's DateTimeFormat preference, in the
# user's time zone and language), for every language RT ships and every
# formatter RT offers, and prints the calendar fields RT computes for them.
#
# Nothing of RT is copied here: RT is loaded (RT::LoadConfig with the
# installed configuration, RT::I18N->Init with the installed lexicons) and its
# objects are used as they are. The only stand-in is the current user: an
# object with the methods RT::Date calls on it (UserObj, Lang, Timezone,
# Preferences, id, loc through a real RT::I18N language handle).
#
# Usage: perl -I<share>/lib scripts/rt-date-oracle.pl <share>
# Input (stdin): one date a line, "<unix seconds> <time zone name>".
# Output (stdout), tab-separated, UTF-8:
#   RT <version>
#   F <format spec>                         once per format spec
#   L <language>                            once per language (<share>/po/*.po)
#   E <i> <user Y-m-d H:M:S> <offset seconds> <UTC Y-m-d H:M:S>   per date
#   N <language> <text of an unset date>
#   D <language> <i> <format spec> <text>   per language, date and spec
# A format spec is a formatter name, or a name and arguments joined by ","
# ("RFC2822,Seconds=0"), set as the user's DateTimeFormat preference the way
# RT reads a hash in that option.
use strict;
use warnings;
use RT;
RT::LoadConfig();
RT::I18N->Init;
require RT::Date;
require RT::CurrentUser;

my $share = shift or die "usage: $0 <request-tracker share dir>\n";

package Oracle::User;
sub new { my ($class, %args) = @_; bless {%args}, $class }
sub UserObj { $_[0] }
sub OriginalUser { $_[0] }
sub CurrentUser { $_[0] }
sub id { 1 }
sub Lang { $_[0]{lang} }
sub Timezone { $_[0]{tz} }
sub Preferences { { DateTimeFormat => $_[0]{format} } }
sub LanguageHandle { $_[0]{handle} }
sub loc { RT::CurrentUser::loc(@_) }

package main;

binmode STDOUT, ':encoding(UTF-8)';
print "RT $RT::VERSION\n";

my @langs = sort map { m{/([^/]+)\.po$} ? $1 : () } glob("$share/po/*.po");
my %handle = map { $_ => RT::I18N->get_handle($_) } @langs;

my @specs;
for my $f (RT::Date->Formatters) {
    push @specs, $f, "$f,Seconds=0", "$f,Time=0";
    push @specs, "$f,DayOfWeek=0", "$f,DayOfWeek=0,Seconds=0" if $f eq 'RFC2822';
}
sub preference {
    my ($spec) = @_;
    my ($name, @args) = split /,/, $spec;
    return $name unless @args;
    return { Format => $name, map { split /=/, $_, 2 } @args };
}
print "F\t$_\n" for @specs;
print "L\t$_\n" for @langs;

my @dates;
while (my $line = <STDIN>) {
    chomp $line;
    my ($unix, $tz) = split / /, $line, 2;
    push @dates, [$unix, $tz];
}

sub fields { sprintf '%04d-%02d-%02d %02d:%02d:%02d', @_[5, 4, 3, 2, 1, 0] }
for my $i (0 .. $#dates) {
    my ($unix, $tz) = @{ $dates[$i] };
    my $date = RT::Date->new(Oracle::User->new(lang => 'en', tz => $tz, handle => $handle{en}));
    $date->Set(Format => 'unix', Value => $unix);
    my @user = $date->Localtime('user');
    my @utc = $date->Localtime('utc');
    $user[4]++;
    $utc[4]++;
    print join("\t", 'E', $i, fields(@user), $user[9], fields(@utc)), "\n";
}

for my $lang (@langs) {
    my $unset = RT::Date->new(Oracle::User->new(lang => $lang, tz => 'UTC', format => 'ISO', handle => $handle{$lang}));
    print join("\t", 'N', $lang, $unset->AsString), "\n";
    for my $i (0 .. $#dates) {
        my ($unix, $tz) = @{ $dates[$i] };
        for my $spec (@specs) {
            my $user = Oracle::User->new(lang => $lang, tz => $tz, format => preference($spec), handle => $handle{$lang});
            my $date = RT::Date->new($user);
            $date->Set(Format => 'unix', Value => $unix);
            print join("\t", 'D', $lang, $i, $spec, $date->AsString), "\n";
        }
    }
}
