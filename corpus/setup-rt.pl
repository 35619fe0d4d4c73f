#!/usr/bin/perl
# Creates the custom fields and the group used by corpus/capture.py, through RT's Perl API.
# Run with the environment printed by `scripts/rt-live.sh env <v>`:
#   perl -I"$RT_LIB" corpus/setup-rt.pl
# Prints one line per object: "<kind>\t<name>\t<id>" (names are UTF-8).
use strict;
use warnings;
use utf8;
use RT -init;

binmode STDOUT, ':encoding(UTF-8)';
my $sys = RT->SystemUser;

my $queue = RT::Queue->new($sys);
$queue->Load('General') or die "no General queue\n";

sub cf {
    my (%a) = @_;
    my $values = delete $a{Values} || [];
    my $apply  = delete $a{Apply};
    my $cf = RT::CustomField->new($sys);
    my ($id, $msg) = $cf->Create(%a);
    die "CF $a{Name}: $msg\n" unless $id;
    my $order = 1;
    for my $v (@$values) {
        my ($ok, $m) = $cf->AddValue(Name => $v, SortOrder => $order++);
        die "CF value $v: $m\n" unless $ok;
    }
    my ($ok, $m) = $cf->AddToObject($apply);
    die "apply CF $a{Name}: $m\n" unless $ok;
    print "cf\t$a{Name}\t$id\n";
}

my $ticket_cf = 'RT::Queue-RT::Ticket';
cf(Name => 'Single Line',  Type => 'Freeform', MaxValues => 1, LookupType => $ticket_cf,
   Description => 'one line', Apply => $queue);
cf(Name => 'Multi Select', Type => 'Select',   MaxValues => 0, LookupType => $ticket_cf,
   Description => 'several values',
   Values => ['alpha', 'beta,gamma', "it's", 'back\\slash', 'say "hi", twice'],
   Apply => $queue);
cf(Name => 'Notes Text',   Type => 'Text',     MaxValues => 1, LookupType => $ticket_cf,
   Description => 'multi-line text', Apply => $queue);
cf(Name => 'Colon: Field', Type => 'Freeform', MaxValues => 1, LookupType => $ticket_cf,
   Description => '', Apply => $queue);
cf(Name => 'Braces {x} (y)', Type => 'Freeform', MaxValues => 1, LookupType => $ticket_cf,
   Description => 'braces and parentheses', Apply => $queue);
cf(Name => 'Very Long Custom Field Name For Wrapping', Type => 'Freeform', MaxValues => 1,
   LookupType => $ticket_cf, Description => 'long name', Apply => $queue);
cf(Name => 'Ünïcode Feld', Type => 'Freeform', MaxValues => 1, LookupType => $ticket_cf,
   Description => 'non-ASCII name', Apply => $queue);
cf(Name => 'Dept', Type => 'Freeform', MaxValues => 0, LookupType => 'RT::User',
   Description => 'user departments', Apply => RT::User->new($sys));
cf(Name => 'Queue Note', Type => 'Freeform', MaxValues => 1, LookupType => 'RT::Queue',
   Description => 'queue note', Apply => RT::Queue->new($sys));

# User and queue CF values cannot be set over REST 1.0; set them here.
my $root_user = RT::User->new($sys);
$root_user->Load('root') or die "no root\n";
for my $v ('Sales', 'R&D ünï', 'Support, Level 2') {
    my ($ok, $m) = $root_user->AddCustomFieldValue(Field => 'Dept', Value => $v);
    die "Dept $v: $m\n" unless $ok;
}
{
    my ($ok, $m) = $queue->AddCustomFieldValue(Field => 'Queue Note', Value => 'queue note ✓');
    die "Queue Note: $m\n" unless $ok;
}

my $group = RT::Group->new($sys);
my ($gid, $gmsg) = $group->CreateUserDefinedGroup(Name => 'Staff Ünï', Description => 'staff group');
die "group: $gmsg\n" unless $gid;
my $root = RT::User->new($sys);
$root->Load('root');
my ($ok, $m) = $group->AddMember($root->PrincipalId);
die "member: $m\n" unless $ok;
print "group\tStaff Ünï\t$gid\n";
